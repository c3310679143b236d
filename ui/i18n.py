"""Interface strings in Chinese (default) and English; display labels only, no legal logic.

``t(key, **fmt)`` returns the string for the language chosen by the sidebar toggle (``st.session_state["lang_en"]``);
``label(kind, value)`` names a ClaimFacts / Verdict value. Unknown keys fall back to the key itself so a missing
translation shows up on screen instead of crashing the page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import streamlit as st
import yaml
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

STRINGS: dict[str, tuple[str, str]] = {
    "app_title": ("电商平台责任备忘录助手", "E-commerce platform liability memo assistant"),
    "lang_toggle": ("English", "English"),
    "page": ("页面", "Page"),
    "page_matter": ("起草备忘录", "Draft a memo"),
    "page_triage": ("批量分诊", "Batch triage"),
    "page_eval": ("评测报告", "Evaluation"),
    "advice_title": ("赔偿、惩罚性赔偿、诉讼时效与管辖", "Remedies, punitive damages, limitation and forum"),
    "advice_amounts": ("金额与日期", "Amounts and dates"),
    "advice_injury": ("损害与商品", "Injury and goods"),
    "advice_punitive": ("惩罚性赔偿与管辖", "Punitive damages and forum"),
    "matters": ("已保存事项", "Saved matters"),
    "matter_select": ("打开事项", "Open matter"),
    "home": ("首页（近期事项）", "Home (recent matters)"),
    "recent_title": ("近期事项", "Recent matters"),
    "recent_search": ("搜索事项", "Search matters"),
    "recent_search_help": ("按名称、日期（如 2024-05 或 2024年5月）、责任形态（连带／补充／相应……）或诉讼时效（已过／将届满／未过／未知）搜索；多个词须同时符合。",
                           "By name, date (2024-05), liability form or limitation status; every word must match."),
    "recent_none": ("没有符合条件的事项。", "No matter matches."),
    "recent_count": ("共 {n} 个事项", "{n} matters"),
    "recent_meta": ("最近修改 {date} · 责任形态：{form} · 诉讼时效：{status}", "Changed {date} · form: {form} · limitation: {status}"),
    "no_matters": ("尚无事项：新建一个，或载入示例。", "No matters yet: create one or load an example."),
    "new_matter": ("新建事项", "New matter"),
    "new_matter_name": ("新事项名称", "New matter's name"),
    "default_matter_name": ("未命名事项", "Untitled matter"),
    "rename": ("重命名", "Rename"),
    "rename_to": ("新名称", "New name"),
    "duplicate": ("复制", "Duplicate"),
    "delete": ("删除", "Delete"),
    "delete_confirm": ("确认删除此事项及其全部版本", "Confirm: delete this matter and all its versions"),
    "deleted": ("已删除事项「{name}」。", "Deleted matter “{name}”."),
    "example": ("载入示例（规范第6节）", "Load a worked example (spec §6)"),
    "example_load": ("载入", "Load"),
    "no_examples": ("示例文件尚未就绪（examples/claims/*.json）。", "Worked examples not available yet (examples/claims/*.json)."),
    "matter_meta": ("版本 {rev} · 更新于 {updated}", "revision {rev} · updated {updated}"),
    "pick_or_create": ("请在左侧新建或打开一个事项。", "Create or open a matter in the sidebar."),
    "orient_decides_title": ("本工具判断什么", "What this tool decides"),
    "orient_decides": (
        "电子商务平台经营者对平台内经营者所售商品、所提供服务造成消费者损害的民事责任：《电子商务法》第三十八条"
        "（第一款连带责任、第二款“相应的责任”）及相邻规则（平台自营、不能提供平台内经营者身份信息、先行赔付承诺、"
        "网络食品交易平台、损害扩大部分、不可抗力）。对每个事项给出责任形态、归责原则、举证责任、追偿、赔偿项目与"
        "诉讼时效，逐条列出所依据的规定，并起草经核查的法律备忘录。",
        "The civil liability of an e-commerce platform for harm to consumers from goods or services sold on it: "
        "E-Commerce Law art. 38 (para. 1 joint liability, para. 2 “corresponding liability”) and the neighbouring "
        "rules; liability form, imputation, burden of proof, recourse, damages and limitation, with the sources, and "
        "a checked memo."),
    "orient_not_title": ("本工具不判断什么", "What it does not decide"),
    "orient_not": (
        "行政责任与刑事责任；人身损害各项赔偿的具体数额；证据的真实性。结论与备忘录不构成正式法律意见，"
        "须经执业律师审阅、修改后方可使用。",
        "Administrative and criminal liability; the amounts of damages; whether evidence is genuine. Nothing here is "
        "a legal opinion until a practising lawyer has reviewed it."),
    "orient_data_title": ("数据去向", "Where your data goes"),
    "orient_local": ("事项、事实与备忘录只保存在本机（{data_dir}），分析与检索均在本机完成，不联网。",
                     "Matters, facts and memos stay on this machine ({data_dir}); analysis and search run offline."),
    "orient_no_llm": ("未配置大模型接口：备忘录由本机模板起草，不向外发送任何内容。",
                      "No LLM endpoint is configured: memos are drafted locally from the template; nothing is sent."),
    "orient_llm": ("已配置大模型接口「{llm}」（{url}）：用它起草备忘录时，案情事实会发送至该接口；选择“模板”起草则不发送。",
                   "An LLM endpoint is configured ({llm}, {url}): drafting with it sends the facts there; the local "
                   "template sends nothing."),
    "orient_database": ("已配置外部数据库：事项保存在该数据库中。", "A database server is configured: matters are stored there."),
    "narrative": ("案情陈述（粘贴当事人的叙述）", "Narrative (paste the client's story)"),
    "extract": ("提取事实", "Extract facts"),
    "extract_unavailable": (
        "事实提取器尚未就绪（assistant.triage）：请手动填写下方表单。",
        "The fact extractor is not available yet (assistant.triage): fill the form below by hand.",
    ),
    "extract_empty": ("请先粘贴案情陈述。", "Paste a narrative first."),
    "extract_done": (
        "已提取 {n} 项事实（标记为「待确认」）；未覆盖您已填写的 {skipped} 项。",
        "Extracted {n} facts (marked “to confirm”); {skipped} you had already filled were kept.",
    ),
    "extract_cut": (
        "叙述共 {total} 字符，提取器只读取了前 {read} 字符：其后的内容未读取，其中所述事实未提取（仍为未知），请人工阅读并补填。",
        "The narrative has {total} characters; the extractor read only the first {read}: facts stated after that "
        "were not read (they stay unknown); read the rest and fill them in by hand.",
    ),
    "extracted_mark": ("〔提取〕提取值，待确认", "〔提取〕 extracted, to confirm"),
    "extracted_from": ("依据原文：「{text}」", "From the text: “{text}”"),
    "confirm": ("确认", "Confirm"),
    "confirm_all": ("全部确认提取值", "Confirm all extracted values"),
    "facts": ("事实", "Facts"),
    "doctrine": ("学说立场（第三十八条第二款责任形态）", "Doctrine profile (form of ECL 38(2) liability)"),
    "facts_invalid": ("事实有误，未保存：{errors}", "Facts not saved, please correct: {errors}"),
    "saved_version": ("已保存事实版本 {rev}", "Saved facts revision {rev}"),
    "conflict": (
        "冲突：另一个会话已修改此事项（您基于版本 {expected}，现为版本 {actual}）。您的修改已另存为版本 #{kept}，未丢失。"
        "请点击「载入最新版本」查看对方的修改，或「用我的版本覆盖」。",
        "Conflict: another session changed this matter (you had revision {expected}, it is now {actual}). "
        "Your change was kept as version #{kept}, nothing is lost. Load the latest version, or keep yours.",
    ),
    "stale": (
        "另一个会话已更新此事项（现为版本 {rev}）。您在此处的修改会被另存而不覆盖对方；建议先载入最新版本。",
        "Another session updated this matter (now revision {rev}). Your edits here would be kept apart, not "
        "overwrite theirs; load the latest version first.",
    ),
    "conflict_reload": ("载入最新版本", "Load the latest version"),
    "conflict_keep_mine": ("用我的版本覆盖", "Keep my version"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "unknown": ("未知", "unknown"),
    "verdict": ("责任分析", "Liability analysis"),
    "engine_unavailable": (
        "责任引擎尚未就绪（assistant.core.classify）：表单已保存，稍后即可分析。",
        "The liability engine is not available yet (assistant.core.classify): the facts are saved; analyse later.",
    ),
    "engine_error": ("分析失败：{error}", "Analysis failed: {error}"),
    "engine_error_hint": ("责任引擎未能就这些事实得出结论；已保存的事实不受影响。请核对事实，或将下方“技术细节”交给技术支持。",
                          "the liability engine could not decide on these facts; the saved facts are unaffected. "
                          "Check the facts, or pass the technical details below to support."),
    "error_details": ("技术细节", "Technical details"),
    "verdict_line": (
        "**责任形态：{form}** · 归责原则：{imputation} · 举证责任：{burden}（{basis}） · 追偿：{recourse}",
        "**Form: {form}** · imputation: {imputation} · burden: {burden} ({basis}) · recourse: {recourse}",
    ),
    "regimes": ("成立的路径", "Established routes"),
    "expanded_damage": ("平台还应对扩大的损失负责（QIN-5.2.3）。", "The platform is also liable for the expanded damage (QIN-5.2.3)."),
    "nature": ("责任性质", "Nature"),
    "trace": ("推理过程（逐条规则）", "Reasoning (rule by rule)"),
    "citations": ("依据", "Citations"),
    "alternatives": ("不同学说立场下的结论", "What each doctrine profile concludes"),
    "current_profile": ("（当前）", "(current)"),
    "missing": ("待补充事实（向当事人提问）", "Missing facts (questions for the client)"),
    "section7": ("赔偿、惩罚性赔偿、诉讼时效与管辖（与备忘录第七至十部分同文）",
                 "Remedies, punitive damages, limitation and forum (the memo's wording, in Chinese)"),
    "s7_heads": ("（七）赔偿项目与金额", "(7) Heads of damages and amounts"),
    "s7_punitive": ("（八）惩罚性赔偿", "(8) Punitive damages"),
    "s7_limitation": ("（九）诉讼时效", "(9) Limitation"),
    "s7_forum": ("（十）管辖与当事人", "(10) Forum and parties"),
    "section7_unavailable": ("赔偿与诉讼时效部分暂无法显示：{error}", "Remedies and limitation cannot be shown: {error}"),
    "no_missing": ("无待补充事实。", "No missing facts."),
    "notes": ("提示", "Notes"),
    "as_of": ("适用法律时点：{date}", "Law applied as of: {date}"),
    "authorities": ("法律依据与案例", "Authorities and cases"),
    "corpus_unavailable": ("法规库尚未就绪：{error}", "The corpus is not available: {error}"),
    "cited_provisions": ("本结论所依据的规定", "The rules this conclusion rests on"),
    "group_law": ("法律", "Statutes"),
    "group_interpretation": ("司法解释", "Judicial interpretations"),
    "group_doctrine": ("学说", "Scholarship"),
    "group_cases": ("案例（相似案例）", "Cases (similar cases)"),
    "seed_sections": ("本文被引用的部分（{n}）", "Sections of this article cited ({n})"),
    "cited": ("引用", "cited"),
    "full_article": ("全文", "full article"),
    "view_citation": ("查看引用条文", "Open a cited source"),
    "compare": ("比较两个版本", "Compare two versions"),
    "unknown_value": ("未知", "unknown"),
    "compare_old": ("较早版本", "Older version"),
    "compare_new": ("较新版本", "Newer version"),
    "compare_memo": ("备忘录正文的差异", "Memo text differences"),
    "compare_facts": ("所依据事实的差异", "Differences in the facts drafted from"),
    "compare_same": ("两个版本相同。", "The two versions are the same."),
    "compare_no_facts": ("有一个版本没有记录所依据的事实版本（按空白比较）。",
                         "One version records no facts version (compared as empty)."),
    "compare_need_two": ("至少需要两个有正文的版本才能比较。", "At least two versions with text are needed to compare."),
    "unresolved": ("法规库中未找到", "not in the corpus"),
    "memo_edit": ("编辑", "Edit"),
    "memo_rendered_empty": ("尚无备忘录：起草一份，或打开「编辑」自行撰写。", "No memo yet: draft one, or switch on Edit."),
    "not_in_corpus": ("「{id}」未能在法规库中找到。", "“{id}” does not resolve in the corpus."),
    "instrument_version": ("版本：{version}", "Version: {version}"),
    "instrument_dates": ("施行：{effective}{repealed}", "In force: {effective}{repealed}"),
    "repealed": ("；废止：{date}", "; repealed: {date}"),
    "similar_cases": ("相似案例", "Similar cases"),
    "similar_cases_none": ("语料库中没有与本案请求路径和商品类别相同的案例。",
                           "No case in the corpus shares this claim's route and category family."),
    "retrieve": ("检索相关条文与案例", "Retrieve related provisions and cases"),
    "retrieval_unavailable": ("检索尚不可用：{error}", "Retrieval is not available: {error}"),
    "retrieved": ("检索结果（前 {k} 条）", "Top {k} retrieved passages"),
    "case_meta": ("法院：{court} · 层级：{tier} · 案号：{number}", "Court: {court} · tier: {tier} · case no.: {number}"),
    "sources": ("来源", "Sources"),
    "memo": ("备忘录", "Memo"),
    "drafter": ("起草方式", "Drafter"),
    "drafter_template": ("模板（离线，始终可用）", "template (offline, always available)"),
    "drafter_template_short": ("模板", "template"),
    "draft": ("起草备忘录", "Draft the memo"),
    "drafting": ("正在起草（{drafter}）…", "Drafting ({drafter})…"),
    "drafting_unavailable": ("起草模块尚未就绪（assistant.drafting）：{error}", "Drafting is not available yet (assistant.drafting): {error}"),
    "need_verdict": ("请先完成责任分析（事实需足以得出结论）。", "Analyse the facts first."),
    "err_connect": (
        "无法连接大模型服务（{drafter}）：{error}。下一步：确认模型服务已启动、LEXMEMO_OPENAI_BASE_URL 正确；或改用「模板」起草（离线可用）。草稿记录已保存为失败版本。",
        "Cannot reach the LLM endpoint ({drafter}): {error}. Next: check the model server is running and LEXMEMO_OPENAI_BASE_URL; or draft with the template (offline). The attempt is kept as a failed version.",
    ),
    "err_timeout": (
        "大模型响应超时（{drafter}，{timeout} 秒）：{error}。下一步：稍后重试、增大 LEXMEMO_LLM_TIMEOUT_S，或改用「模板」起草。",
        "The LLM timed out ({drafter}, {timeout}s): {error}. Next: retry, raise LEXMEMO_LLM_TIMEOUT_S, or draft with the template.",
    ),
    "err_draft": (
        "起草失败（{drafter}）：{error}。下一步：改用「模板」起草；草稿记录已保存为失败版本。",
        "Drafting failed ({drafter}): {error}. Next: draft with the template; the attempt is kept as a failed version.",
    ),
    "err_config": (
        "起草方式配置有误（{drafter}）：{error}。下一步：检查 LEXMEMO_LLM（template、openai:MODEL、ollama:MODEL、llamacpp:PATH、replay:FILE）及相关地址与密钥；或改用「模板」起草。",
        "The drafter is misconfigured ({drafter}): {error}. Next: check LEXMEMO_LLM and its endpoint/key settings; or draft with the template.",
    ),
    "memo_text": ("备忘录正文（可编辑，修改后自动保存并重新核查）", "Memo (editable; saved and re-checked on edit)"),
    "guard": ("核查结果", "Guard findings"),
    "guard_ok": ("核查通过：所有引注均可在法规库中找到，结论与分析一致。", "Guard passed: every citation resolves and the conclusions match the verdict."),
    "guard_failed": (
        "核查未通过：备忘录已标记为「需复核」，请逐项修正后再交付。",
        "Guard failed: the memo is marked for review; fix each finding before it leaves the office.",
    ),
    "guard_unavailable": ("核查模块尚未就绪（assistant.guard）：{error}", "The guard is not available yet (assistant.guard): {error}"),
    "g_unresolved": ("无法解析的引注", "Citations that do not resolve"),
    "g_out_of_force": ("事件发生时尚未生效或已失效的条文", "Provisions not in force on the event date"),
    "g_conclusion_mismatches": ("与责任分析不一致的结论", "Conclusions contradicting the verdict"),
    "g_unlisted": ("未列入依据部分的引注", "Citations missing from the 依据 list"),
    "g_fact_mismatches": ("与案件事实不符的陈述", "Statements contradicting the facts"),
    "g_remedies_mismatches": ("与赔偿数额或诉讼时效判断不一致的陈述", "Amounts or limitation status contradicting the verdict"),
    "memo_stale": (
        "事实已变更，请重新起草：本备忘录起草时所依据的事实或学说立场已被修改，其结论可能与当前分析不符。",
        "Facts changed, redraft: the facts or doctrine this memo was drafted from have changed since.",
    ),
    "memo_basis_unknown": (
        "事实已变更，请重新起草：本备忘录未记录其起草所依据的事实版本，无法确认与当前事实一致。",
        "Facts changed, redraft: this memo does not record the facts it was drafted from.",
    ),
    "history_stale": ("事实已变更", "facts changed since"),
    "review_title_mark": ("【需复核】", "[NEEDS REVIEW] "),
    "review_intro": ("需复核：本备忘录未通过核查，导出前请逐项处理：", "Needs review: this memo failed the check:"),
    "highlighted": ("标注后的正文", "Highlighted memo"),
    "marked_in_place": ("以上各项已在左侧正文中就地标出（黄底红线，悬停可见说明）。", "Each finding is highlighted in the memo on the left."),
    "download_md": ("下载 .md", "Download .md"),
    "download_docx": ("下载 .docx", "Download .docx"),
    "docx_unavailable": ("Word 导出尚不可用：{error}", "Word export not available: {error}"),
    "receipt": ("生成凭据（receipt）", "Receipt"),
    "history": ("备忘录版本历史", "Memo version history"),
    "no_history": ("尚无备忘录版本。", "No memo versions yet."),
    "restore": ("恢复此版本到编辑区", "Restore this version to the editor"),
    "status_drafting": ("起草中/中断", "drafting / interrupted"),
    "status_done": ("已完成", "done"),
    "status_failed": ("失败", "failed"),
    "status_edited": ("人工修改", "edited"),
    "memo_saved": ("已保存备忘录版本 #{id}", "Saved memo version #{id}"),
    "needs_review": ("需复核", "needs review"),
    "triage_title": ("批量分诊：上传索赔表格（CSV / JSONL）", "Batch triage: upload claims (CSV / JSONL)"),
    "triage_upload_hint": ("支持 CSV、JSONL、XLSX，单个文件不超过 200MB；文件只在本机处理。",
                           "CSV, JSONL or XLSX, up to 200MB a file; processed on this machine only."),
    "triage_upload": ("索赔文件（每行一件索赔：编号、案情陈述，可另附各项事实列）",
                      "Claims file (one claim a row: id, narrative, optional fact columns)"),
    "triage_run": ("开始分诊", "Run triage"),
    "triage_unavailable": ("分诊模块尚未就绪（assistant.triage.batch）：{error}", "Triage is not available yet (assistant.triage.batch): {error}"),
    "triage_progress": ("已处理 {done}/{total} 行", "{done}/{total} rows done"),
    "triage_done": ("完成：{total} 行，其中 {failed} 行有错误（见 error 列）。", "Done: {total} rows, {failed} with errors (see the error column)."),
    "triage_bad_file": ("无法读取文件：{error}", "Cannot read the file: {error}"),
    "triage_download": ("下载结果 {fmt}", "Download as {fmt}"),
    "eval_title": ("评测报告：本工具的可信度（最近一次运行）", "Evaluation report: how far to trust this tool (latest run)"),
    "eval_dir": ("报告目录", "Report directory"),
    "eval_dir_help": (
        "默认为仓库中的 evals/reports/latest；也可指向 evals/reports（自动取最新一次运行）。",
        "Defaults to evals/reports/latest in the repository; point it at evals/reports to take the newest run.",
    ),
    "eval_none": (
        "尚无评测报告（{dir}）。请在仓库目录运行以下命令生成（离线，约数分钟），然后刷新本页：",
        "No eval report yet ({dir}). Run this command in the repository (offline, a few minutes), then reload:",
    ),
    "eval_unreadable": ("评测报告无法读取（{dir}）：{error}。请重新运行：", "The eval report cannot be read ({dir}): {error}. Run again:"),
    "eval_meta": (
        "运行于 {started} · 提交 {commit} · 用时 {seconds} 秒 · 起草器 {llm} · 语料 {corpus} · 目录 {dir}",
        "Run {started} · commit {commit} · {seconds} s · drafter {llm} · corpus {corpus} · from {dir}",
    ),
    "eval_regressions": ("与基线相比有 {n} 项退步：{figures}", "{n} regression(s) against the baseline: {figures}"),
    "eval_skipped": ("该套件未运行：{reason}", "This suite did not run: {reason}"),
    "eval_suite_time": ("套件用时 {seconds} 秒", "suite run time {seconds} s"),
    "eval_charts": ("图表", "Charts"),
    "eval_worst": ("最差案例（{n}）", "Worst cases ({n})"),
    "eval_worst_none": ("无：全部通过。", "None: every item passed."),
    "eval_detail": ("查看详情", "Details of"),
    "eval_download": ("下载报告 {fmt}", "Download the report ({fmt})"),
}

# Value labels: (zh, en). Chinese labels follow assistant.guard.terms' canonical wording.
VALUE_LABELS: dict[str, dict[str, tuple[str, str]]] = {
    "platform_role": {
        "marketplace": ("第三方平台（平台内经营者销售）", "marketplace (third-party seller)"),
        "self_operated": ("平台自营", "self-operated"),
        "misleading_self_operated": ("非自营但标识使消费者误以为自营", "not self-operated, but labelled so it misled"),
    },
    "category": {
        "food": ("食品", "food"), "catering": ("餐饮（外卖）", "catering"), "drug": ("药品", "drug"),
        "medical_device": ("医疗器械", "medical device"), "cosmetics": ("化妆品", "cosmetics"),
        "transport": ("交通出行（网约车等）", "transport"), "lodging": ("住宿", "lodging"),
        "other_goods": ("其他商品", "other goods"), "other_service": ("其他服务", "other services"),
    },
    "harm": {
        "personal_injury": ("人身损害", "personal injury"), "property_loss": ("财产损失", "property loss"),
        "none": ("无损害", "no damage"),
    },
    "merchant_fault": {"intentional": ("故意", "intentional"), "negligent": ("过失", "negligent")},
    "platform_contribution": {"major": ("主要原因", "major"), "minor": ("次要原因", "minor")},
    "liability_form": {
        "joint_and_several": ("连带责任", "joint and several"), "supplementary": ("补充责任", "supplementary"),
        "proportional": ("按份责任", "proportional"), "proportional_joint": ("比例连带责任", "proportional-joint"),
        "seller_liability": ("承担销售者/服务者责任", "seller's liability"),
        "advance_compensation": ("先行赔付责任（可追偿）", "advance compensation (with recourse)"),
        "none": ("不承担责任", "no liability"), "undetermined": ("事实不足，暂无法确定", "undetermined (facts missing)"),
    },
    "imputation": {
        "fault": ("过错责任", "fault"), "presumed_fault": ("过错推定", "presumed fault"),
        "not_applicable": ("不适用", "n/a"),
    },
    "burden_of_proof": {
        "consumer": ("消费者（谁主张谁举证）", "consumer"), "platform": ("平台（举证责任倒置）", "platform (reversed)"),
        "not_applicable": ("不适用", "n/a"),
    },
    "burden_basis": {"lex_lata": ("现行法", "lex lata"), "proposal": ("学说建议，非现行法", "doctrinal proposal")},
    "liability_nature": {"tort": ("侵权责任", "tort"), "contract_seller": ("销售者（合同）责任", "seller (contract)")},
    "recourse": {"true": ("可追偿", "yes"), "false": ("不可追偿", "no")},
    "doctrine": {
        "qin2025": ("覃玉娟2025（默认：按过错与原因力）", "Qin Yujuan 2025 (default: by fault and causal weight)"),
        "intent_split": ("区分商家故意/过失", "intent split"),
        "supplementary_only": ("一律补充责任", "supplementary only"),
        "joint": ("共同侵权连带责任说", "joint liability"),
        "proportional_joint": ("比例连带责任说", "proportional-joint"),
    },
    "outcome": {
        "met": ("成立", "met"), "failed": ("不成立", "failed"), "blocked": ("事实不足", "blocked"),
        "barred": ("被排除", "barred"), "rebutted": ("已被反驳", "rebutted"), "not_applicable": ("不适用", "n/a"),
    },
}

FIELD_LABELS: dict[str, tuple[str, str]] = {
    "event_date": ("交易/损害发生日期", "Event date"),
    "platform_role": ("平台角色", "Platform role"),
    "category": ("商品或服务类别", "Category"),
    "life_health": ("关系消费者生命健康（未填时按类别推定）", "Concerns life and health (derived from category if unset)"),
    "harm": ("消费者损害", "Consumer's damage"),
    "causation": ("平台违反义务与损害之间有因果关系", "Platform's breach caused the damage"),
    "knew_or_should_have_known": ("平台知道或应当知道", "Platform knew or should have known"),
    "necessary_measures_taken": ("平台已采取必要措施", "Platform took necessary measures"),
    "qualification_review_done": ("平台已审核商家资质", "Platform reviewed the merchant's qualifications"),
    "safety_duty_done": ("平台已履行安全保障义务", "Platform performed its safety duty"),
    "merchant_identity_provided": ("平台能提供商家真实名称、地址和有效联系方式", "Platform can identify the merchant"),
    "advance_compensation_promised": ("平台承诺先行赔付", "Platform promised advance compensation"),
    "merchant_fault": ("商家主观状态", "Merchant's state of mind"),
    "platform_contribution": ("平台过错的原因力", "Causal weight of the platform's breach"),
    "consumer_prima_facie_evidence": ("消费者已提供初步证据", "Consumer gave prima facie evidence"),
    "platform_proved_compliance": ("平台已证明尽到审核与安全保障义务", "Platform proved compliance"),
    "force_majeure": ("损害由不可抗力造成", "Force majeure"),
    "complaint_delay_expanded_damage": ("平台未及时处理投诉致损害扩大", "Complaint delay expanded the damage"),
    "live_streaming": ("在网络直播间销售", "Sold in a live-streaming room"),
    "narrative": ("案情陈述", "Narrative"),
}


# Section 7.1 facts (issue 13, spec remedies.md 7.1): field and value labels.
FIELD_LABELS.update({
    "decision_date": ("裁判日/备忘录基准日（未填按今日）", "Decision date (today if unset)"),
    "price_paid": ("实际支付价款", "Price paid"),
    "loss_amount": ("价款以外的损失（医疗费、误工费、财产损失等）", "Loss other than the price"),
    "injury_severity": ("人身损害程度", "Injury severity"),
    "goods_nonconforming": ("商品或服务存在的问题", "Nonconformity of the goods or service"),
    "label_defect_only": ("仅标签、说明书存在瑕疵", "Only the label or instructions are defective"),
    "seller_knowingly_sold": ("销售者明知仍销售", "Seller knowingly sold"),
    "fraud": ("经营者存在欺诈行为", "Fraud by the seller"),
    "consumer_knew_at_purchase": ("消费者购买时已知存在问题（知假买假）", "Buyer knew of the problem when buying"),
    "harm_discovered_date": ("知道或应当知道损害及义务人之日", "Date the harm and obligor became known"),
    "forum_clause": ("平台用户协议中的管辖条款", "Choice-of-court clause in the user agreement"),
    "limitation_events": ("诉讼时效中断事由（民法典第195条）", "Limitation interruptions (Civil Code art. 195)"),
    "limitation_obstacles": ("诉讼时效中止障碍（民法典第194条）", "Limitation obstacles (Civil Code art. 194)"),
})
VALUE_LABELS.update({
    "injury_severity": {"minor": ("轻微", "minor"), "serious": ("严重损害健康", "serious"),
                        "disability": ("致残", "disability"), "death": ("死亡", "death")},
    "goods_nonconforming": {
        "food_safety_standard": ("不符合食品安全标准", "below food-safety standards"),
        "fake_or_substandard_drug": ("假药、劣药", "fake or substandard drug"),
        "defect": ("存在缺陷", "defect"), "quality_only": ("仅质量不符合约定", "quality below the agreement only"),
        "none": ("无问题", "none"),
    },
    "forum_clause": {"none": ("无管辖条款", "no clause"), "prominent": ("有，且已合理提示", "yes, brought to attention"),
                     "not_prominent": ("有，但未合理提示", "yes, not brought to attention")},
})


def _load_engine_labels() -> None:
    """Merge ``labels_zh.yaml`` (rule ids, trace elements, eval names, example titles) into the tables above."""
    data = yaml.safe_load(_LABELS_FILE.read_text(encoding="utf-8")) or {}
    for kind, values in data.items():
        VALUE_LABELS.setdefault(kind, {}).update({str(k): (v[0], v[1]) for k, v in values.items()})
    # composite trace elements (review_or_safety_failed, breach_stage) read like facts wherever a fact name shows
    FIELD_LABELS.update({k: v for k, v in VALUE_LABELS["element"].items() if k not in FIELD_LABELS})


_LABELS_FILE = Path(__file__).with_name("labels_zh.yaml")
_load_engine_labels()

_last_lang = ["zh"]


def lang() -> str:
    """The interface language: "en" when the sidebar toggle is on, else "zh"."""
    # Outside a script run (AppTest formats option labels after the run) session state is not there:
    # answer with the language of the last run instead of touching it.
    if get_script_run_ctx(suppress_warning=True) is None:
        return _last_lang[0]
    _last_lang[0] = "en" if st.session_state.get("lang_en") else "zh"
    return _last_lang[0]


def t(key: str, **fmt: Any) -> str:
    """The interface string ``key`` in the current language, formatted with ``fmt``."""
    pair = STRINGS.get(key)
    text = key if pair is None else pair[1 if lang() == "en" else 0]
    return text.format(**fmt) if fmt else text


def label(kind: str, value: Any) -> str:
    """The display label of a value (``label("liability_form", "supplementary")`` → 补充责任)."""
    if isinstance(value, bool):
        value = "true" if value else "false"
    pair = VALUE_LABELS.get(kind, {}).get(str(value))
    if pair is None:
        return str(value)
    return pair[1 if lang() == "en" else 0]


def field_label(field: str) -> str:
    """The display label of a ClaimFacts field."""
    pair = FIELD_LABELS.get(field, (field, field))
    return pair[1 if lang() == "en" else 0]
