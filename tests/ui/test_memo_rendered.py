"""The memo reads rendered by default (编辑 shows the Markdown), its citations open their source, findings in place."""

from __future__ import annotations

from ui_helpers import memo_editor, new_app, ok

from assistant.corpus import load_corpus
from assistant.settings import get_settings
from assistant.store import MatterStore


def _markdowns(at) -> list[str]:
    return [m.value.strip() for m in at.markdown]  # st.markdown drops the trailing newline


def test_memo_is_rendered_by_default_and_edit_shows_the_markdown(data_dir):
    at = new_app(example="drug_minor_contribution")
    ok(at.button(key="draft").click().run())
    store = MatterStore.open(get_settings())
    memo = store.memo_history(store.list_matters()[0].id)[0].markdown
    assert memo.strip()
    assert at.toggle(key="memo_edit").value is False
    assert "memo_text" not in [ta.key for ta in at.text_area]  # no raw Markdown box in read mode
    assert memo.strip() in _markdowns(at)  # the memo itself, drawn by st.markdown (headings, lists rendered)
    assert memo_editor(at).value == memo
    ok(at.toggle(key="memo_edit").set_value(False).run())
    assert memo.strip() in _markdowns(at) and "memo_text" not in [ta.key for ta in at.text_area]


def test_a_citation_of_the_memo_opens_its_paragraph_the_whole_article_and_dates(data_dir):
    corpus = load_corpus()
    at = new_app(example="drug_minor_contribution")
    ok(at.button(key="draft").click().run())
    pick = at.radio(key="memo_cite_pick")
    ecl = "> " + corpus.get("ECL-38-2").text.strip()
    cc = "> " + corpus.get("CC-1165-2").text.strip()
    ok(pick.set_value("ECL-38-2").run())
    # The authorities panel quotes it once; the viewer quotes it again, with the whole article and its dates.
    assert _markdowns(at).count(ecl) == 2 and _markdowns(at).count(cc) == 1
    assert _markdowns(at).count(corpus.get("ECL-38").text.strip()) == 2
    ok(at.radio(key="memo_cite_pick").set_value("CC-1165-2").run())
    assert _markdowns(at).count(ecl) == 1 and _markdowns(at).count(cc) == 2
    assert any("施行：2021-01-01" in c.value for c in at.caption)


def test_the_guards_findings_are_marked_in_the_rendered_memo(data_dir):
    at = new_app(example="drug_minor_contribution")
    ok(at.button(key="draft").click().run())
    editor = memo_editor(at)
    ok(editor.set_value(editor.value + "\n另参见《电子商务法》第一百二十条。\n").run())
    ok(at.toggle(key="memo_edit").set_value(False).run())
    rendered = [m for m in _markdowns(at) if "另参见《电子商务法》第一百二十条" in m and m.startswith("# ")]
    assert rendered and "需复核" in rendered[0]  # flagged in place, never stripped
