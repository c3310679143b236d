"""The memo section: template drafter, replayed fake model, guard failures flagged, edits, downloads, errors."""

from __future__ import annotations

import io
import json
import zipfile

from ui_helpers import memo_editor, new_app, ok, texts

from assistant.settings import get_settings
from assistant.store import MatterStore


def _store() -> MatterStore:
    return MatterStore.open(get_settings())


def _memo(at) -> str:
    return memo_editor(at).value


def _downloads(at) -> dict:
    return {d.key: d for d in at.get("download_button")}


def test_template_draft_download_and_reopen_after_fresh_run(data_dir, served_files):
    at = new_app(example="drug_minor_contribution")
    assert "dl_md" not in _downloads(at)
    ok(at.button(key="draft").click().run())
    memo = _memo(at)
    assert memo.startswith("# ") and "## 二、简要结论" in memo and "责任形态：补充责任" in memo
    assert any("核查通过" in s.value for s in at.success)
    downloads = _downloads(at)
    assert {"dl_md", "dl_docx"} <= set(downloads)
    name = "示例：药品致害，平台原因力次要"
    assert served_files[f"{name}.md"].decode("utf-8") == memo
    with zipfile.ZipFile(io.BytesIO(served_files[f"{name}.docx"])) as z:  # a real Word document
        assert "补充责任" in z.read("word/document.xml").decode("utf-8")
    store = _store()
    (matter,) = store.list_matters()
    (version,) = store.memo_history(matter.id)
    assert version.status == "done" and version.drafter == "template" and version.guard_ok is True
    assert version.receipt["drafter"] == "template" and version.receipt["guard"]["ok"] is True
    assert version.markdown == memo
    assert any("receipt" in e.label for e in at.expander)
    # A fresh session (browser reload / server restart) finds the matter, the facts and the memo again.
    again = new_app()
    assert again.header[0].value == matter.name
    assert _memo(again) == memo
    assert again.selectbox(key="fact_category").value == "drug"
    assert any("#1" in o for o in again.selectbox(key="history_pick").options)


def _write_replay(path, replies):
    path.write_text(json.dumps({"replies": replies}, ensure_ascii=False), encoding="utf-8")
    return path


def test_replayed_model_draft_is_guarded_and_a_bad_one_is_flagged(data_dir, tmp_path, monkeypatch):
    # First the template's memo for this matter, used as the 'model's' good reply.
    at = new_app(example="drug_minor_contribution")
    ok(at.button(key="draft").click().run())
    good = _memo(at)
    bad = good.replace("责任形态：补充责任", "责任形态：连带责任").replace(
        "《电子商务法》第三十八条第二款", "《电子商务法》第九十九条第二款", 1)
    assert bad != good
    replay = _write_replay(tmp_path / "replies.json", [bad, bad])  # the draft and the one repair: both wrong
    monkeypatch.setenv("LEXMEMO_LLM", f"replay:{replay}")
    at = new_app()
    assert at.selectbox(key="drafter").value == f"replay:{replay}"
    ok(at.button(key="draft").click().run())
    memo = _memo(at)
    assert "⚠需复核" in memo  # failures highlighted in place, nothing stripped
    assert "第九十九条" in memo
    assert any("核查未通过" in e.value for e in at.error)
    page = texts(at)
    assert "与责任分析不一致的结论" in page and "无法解析的引注" in page
    store = _store()
    matter = store.list_matters()[0]
    latest = store.memo_history(matter.id)[0]
    assert latest.status == "done" and latest.drafter == f"replay:{replay}" and latest.guard_ok is False
    assert latest.receipt["drafter"] == "replay" and latest.receipt["needs_review"] is True

    # A replayed model that writes a correct memo passes the guard.
    monkeypatch.setenv("LEXMEMO_LLM", f"replay:{_write_replay(tmp_path / 'good.json', [good])}")
    at = new_app()
    ok(at.button(key="draft").click().run())
    assert any("核查通过" in s.value for s in at.success)
    assert store.memo_history(matter.id)[0].guard_ok is True


def test_editing_the_memo_reruns_the_guard_and_saves_a_version(data_dir):
    at = new_app(example="medical_device_not_reviewed")
    ok(at.button(key="draft").click().run())
    memo = _memo(at)
    assert "按份责任" in memo
    edited = memo + "\n另参见《电子商务法》第一百二十条。\n"
    ok(memo_editor(at).set_value(edited).run())
    assert any("核查未通过" in e.value for e in at.error)
    assert "第一百二十条" in texts(at)
    store = _store()
    matter = store.list_matters()[0]
    latest = store.memo_history(matter.id)[0]
    assert latest.status == "edited" and latest.markdown == edited and latest.guard_ok is False
    assert latest.receipt["edited_from_version"] == store.memo_history(matter.id)[1].id
    # Restoring the drafted version from the history puts it back in the editor (and saves it again).
    at.selectbox(key="history_pick").set_value(store.memo_history(matter.id)[1].id)
    ok(at.run())
    ok(at.button(key="restore").click().run())
    assert _memo(at) == memo
    assert any("核查通过" in s.value for s in at.success)


def test_unreachable_llm_gives_next_steps_and_the_template_still_works(data_dir, monkeypatch):
    monkeypatch.setenv("LEXMEMO_LLM", "openai:gpt-4o-mini")
    monkeypatch.setenv("LEXMEMO_OPENAI_BASE_URL", "http://127.0.0.1:9/v1")  # nothing listens there
    monkeypatch.setenv("LEXMEMO_OPENAI_API_KEY", "test")
    monkeypatch.setenv("LEXMEMO_LLM_TIMEOUT_S", "5")
    at = new_app(example="clothing_fakes_ignored")
    assert at.selectbox(key="drafter").value == "openai:gpt-4o-mini"
    ok(at.button(key="draft").click().run())
    errors = [e.value for e in at.error]
    assert any("无法连接大模型服务" in e and "LEXMEMO_OPENAI_BASE_URL" in e and "模板" in e for e in errors), errors
    store = _store()
    matter = store.list_matters()[0]
    (failed,) = store.memo_history(matter.id)
    assert failed.status == "failed" and failed.error  # the draft row was written before the call, then failed
    assert _memo(at) == ""
    at.selectbox(key="drafter").set_value("template")
    ok(at.run())
    ok(at.button(key="draft").click().run())
    assert "连带责任" in _memo(at)
    assert [v.status for v in store.memo_history(matter.id)] == ["done", "failed"]


def test_llm_timeout_gives_next_steps(data_dir, monkeypatch):
    import socket
    import threading

    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept_and_say_nothing():
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(server.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept_and_say_nothing, daemon=True)
    thread.start()
    try:
        port = server.getsockname()[1]
        monkeypatch.setenv("LEXMEMO_LLM", "openai:slow-model")
        monkeypatch.setenv("LEXMEMO_OPENAI_BASE_URL", f"http://127.0.0.1:{port}/v1")
        monkeypatch.setenv("LEXMEMO_OPENAI_API_KEY", "test")
        monkeypatch.setenv("LEXMEMO_LLM_TIMEOUT_S", "1")
        at = new_app(example="catering_licence_not_reviewed")
        ok(at.button(key="draft").click().run())
        errors = [e.value for e in at.error]
        assert any("超时" in e and "LEXMEMO_LLM_TIMEOUT_S" in e and "模板" in e for e in errors), errors
        store = _store()
        (failed,) = store.memo_history(store.list_matters()[0].id)
        assert failed.status == "failed"
    finally:
        stop.set()
        thread.join(timeout=5)
        for conn in held:
            conn.close()
        server.close()
