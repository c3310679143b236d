"""Versions: the history stays open when a version is picked; any two versions compare (memo text and facts)."""

from __future__ import annotations

from ui_helpers import memo_editor, new_app, ok

from assistant.settings import get_settings
from assistant.store import MatterStore


def _history(at):
    (panel,) = [e for e in at.expander if e.label.startswith("备忘录版本历史")]
    return panel


def _codes(at) -> list[str]:
    return [c.value for c in at.code]


def test_history_stays_open_and_two_versions_compare_memo_and_facts(data_dir):
    at = new_app(example="drug_minor_contribution")
    ok(at.button(key="draft").click().run())
    assert _history(at).proto.expanded is False  # closed until the lawyer uses it
    ok(at.radio(key="fact_qualification_review_done").set_value("no").run())  # the facts change
    ok(at.button(key="draft").click().run())  # redrafted from the new facts
    editor = memo_editor(at)
    ok(editor.set_value(editor.value + "\n另参见律师补充意见。\n").run())  # an edit: a third version
    store = MatterStore.open(get_settings())
    newest, middle, first = (v.id for v in store.memo_history(store.list_matters()[0].id))

    pick = middle if at.selectbox(key="history_pick").value != middle else first
    ok(at.selectbox(key="history_pick").set_value(pick).run())  # choosing a version keeps the panel open
    assert _history(at).proto.expanded is True
    # Default comparison: the previous version against the latest — the edit's added line, facts the same.
    assert (at.selectbox(key="diff_a").value, at.selectbox(key="diff_b").value) == (middle, newest)
    (memo_diff,) = _codes(at)
    assert "+另参见律师补充意见。" in memo_diff and f"--- #{middle}" in memo_diff
    assert any("两个版本相同" in c.value for c in at.caption)  # the edit rests on the same facts

    ok(at.selectbox(key="diff_a").set_value(first).run())  # the first draft against the edit
    assert _history(at).proto.expanded is True
    memo_diff, facts_diff = _codes(at)
    assert "+另参见律师补充意见。" in memo_diff
    assert "-平台已审核商家资质：是" in facts_diff and "+平台已审核商家资质：否" in facts_diff
    assert "qualification_review_done" not in facts_diff  # the lawyer reads labels, not engine field names
    changed = [line for line in facts_diff.splitlines() if line[:1] in "+-" and not line.startswith(("+++", "---"))]
    assert changed and all(line[1:].startswith("平台已审核商家资质：") for line in changed), changed
