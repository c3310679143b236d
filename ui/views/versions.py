"""Compare two memo versions: the memo text and the facts each was drafted from, as unified diffs (difflib)."""

from __future__ import annotations

import difflib
import json
from typing import Any

import streamlit as st

from i18n import field_label, label, t


def diff_text(old: str, new: str, old_name: str, new_name: str) -> str:
    """A unified diff of two texts line by line ("" when they are the same)."""
    lines = difflib.unified_diff(old.splitlines(), new.splitlines(), fromfile=old_name, tofile=new_name, lineterm="")
    return "\n".join(lines)


def facts_lines(facts: dict[str, Any] | None) -> str:
    """One line per fact under its Chinese label (no engine field name), sorted by field so a diff shows only what
    changed."""
    if facts is None:
        return ""
    return "\n".join(f"{field_label(k)}：{_value(k, v)}" for k, v in sorted(facts.items()))


def _value(field: str, value: Any) -> str:
    """A fact's value in Chinese where the translation table names it (是/否, 次要原因), else as stored."""
    if value is None:
        return t("unknown_value")
    if isinstance(value, bool):
        return t("yes") if value else t("no")
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False)
    return label(field, value)


def _facts_of(store: Any, memo: Any) -> dict[str, Any] | None:
    version = store.facts_version(memo.facts_version_id) if memo.facts_version_id else None
    return version.facts if version is not None else None


def _show(title: str, diff: str, same: str) -> None:
    st.markdown(f"**{title}**")
    if diff:
        st.code(diff, language="diff", wrap_lines=True)  # long memo lines wrap, none cut off at the right
    else:
        st.caption(same)


def render_compare(store: Any, by_id: dict[int, Any], describe: Any) -> None:
    """Two pickers (older, newer) and the diffs of their memo text and of their facts."""
    ids = [i for i in by_id if by_id[i].markdown]
    if len(ids) < 2:
        st.caption(t("compare_need_two"))
        return
    st.markdown(f"**{t('compare')}**")
    state = st.session_state
    # A new version (or pickers dropped by a page switch): compare the latest with the one before, by default.
    if state.get("diff_ids") != ids or state.get("diff_a") not in ids or state.get("diff_b") not in ids:
        st.session_state["diff_ids"] = ids
        st.session_state["diff_a"], st.session_state["diff_b"] = ids[1], ids[0]
    # history lists the newest first: by default compare the previous version (above) with the latest (below);
    # one under the other, so a version's whole description shows at 1280×800 (issue 16)
    a = st.selectbox(t("compare_old"), ids, key="diff_a", format_func=describe, on_change=keep_history_open)
    b = st.selectbox(t("compare_new"), ids, key="diff_b", format_func=describe, on_change=keep_history_open)
    old, new = by_id[a], by_id[b]
    _show(t("compare_memo"), diff_text(old.markdown or "", new.markdown or "", f"#{a}", f"#{b}"), t("compare_same"))
    fa, fb = _facts_of(store, old), _facts_of(store, new)
    if fa is None or fb is None:
        st.caption(t("compare_no_facts"))
    _show(t("compare_facts"), diff_text(facts_lines(fa), facts_lines(fb), f"#{a}", f"#{b}"), t("compare_same"))


def keep_history_open() -> None:
    """Widget callback: a version was picked or compared, so the history panel stays open on the rerun."""
    st.session_state["history_open"] = True
