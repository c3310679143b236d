"""Issue 14 (workspace draft path): a pasted narrative far longer than a claim is quoted and sent to a model only up
to ``QUOTE_LIMIT`` characters; the memo says so under the quote, the receipt records the cut, the facts keep it all,
and the guard still checks the memo (masking the quoted lines, reading the figures of the whole narrative)."""

from __future__ import annotations

from assistant.drafting import draft_memo
from assistant.drafting.narrative import QUOTE_LIMIT, cut_record, quoted
from assistant.drafting.retrieve import QUERY_LIMIT, narrative_query
from assistant.settings import Settings

LINE = "我在外卖平台点的麻辣烫，商家无证经营，平台没有审核，吃完食物中毒住院，花了医药费3200元。\n"


def _long(n: int) -> str:
    return (LINE * (n // len(LINE) + 1))[:n]


def test_a_long_narrative_is_quoted_up_to_the_limit_and_the_cut_is_said(tmp_path, examples, corpus):
    settings = Settings(data_dir=tmp_path / "d", cache_dir=tmp_path / "c", llm="template", progress=False)
    facts = dict(examples("catering_licence_not_reviewed"), narrative=_long(QUOTE_LIMIT * 10))
    result = draft_memo(facts, settings=settings, corpus=corpus)
    section = result.sections["事实与假设"]
    quote = "\n".join(line[2:] for line in section.splitlines() if line.startswith("> "))
    assert QUOTE_LIMIT - len(LINE) <= len(quote) <= QUOTE_LIMIT and facts["narrative"].startswith(quote)
    assert f"当事人陈述共 {QUOTE_LIMIT * 10:,} 字，超出部分已截断：本备忘录仅引述其前 {QUOTE_LIMIT:,} 字" in section
    assert result.receipt["narrative_cut"] == {"narrative_chars": QUOTE_LIMIT * 10, "quoted_chars": QUOTE_LIMIT}
    assert result.report.ok, result.report.to_text()  # the quoted lines are the client's words, 3,200元 is known
    assert len(result.context.facts.narrative) == QUOTE_LIMIT * 10  # the facts keep the whole narrative
    assert len(result.context.prompt_variables()["narrative"]) == QUOTE_LIMIT
    assert len(narrative_query(result.context.facts)) == QUERY_LIMIT


def test_one_long_line_cut_mid_line_is_still_the_clients_words(tmp_path, examples, corpus):
    """A single 5 MB line is quoted up to the limit, mid-line: the guard still reads it as the client's words
    (its 没有审核许可证 is no statement of the memo), whatever the facts say of the review."""
    settings = Settings(data_dir=tmp_path / "d", cache_dir=tmp_path / "c", llm="template", progress=False)
    line = "2023年5月3日在外卖平台点的麻辣烫，商家没有营业执照，平台没有审核许可证，我吃完食物中毒住院。" + "无关内容" * 1_300_000
    facts = {"platform_role": "marketplace", "category": "food", "harm": "personal_injury", "narrative": line}
    result = draft_memo(facts, settings=settings, corpus=corpus)
    assert result.report.ok, result.report.to_text()
    assert "已截断" in result.markdown and len(result.markdown) < 60_000


def test_a_claim_sized_narrative_is_whole_and_no_cut_is_recorded(tmp_path, examples, corpus):
    settings = Settings(data_dir=tmp_path / "d", cache_dir=tmp_path / "c", llm="template", progress=False)
    facts = dict(examples("catering_licence_not_reviewed"), narrative=_long(QUOTE_LIMIT))
    result = draft_memo(facts, settings=settings, corpus=corpus)
    assert "narrative_cut" not in result.receipt and "本备忘录仅引述" not in result.markdown
    assert quoted(_long(QUOTE_LIMIT)) == (_long(QUOTE_LIMIT), None) and cut_record(None) is None
