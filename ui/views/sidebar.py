"""The sidebar: language toggle, page choice, and the saved-matter list (open, new, example, rename, duplicate,
delete). Query parameters ``?matter=ID`` reopen a matter and ``?example=NAME`` load a worked example, so a
browser reload comes back to the same matter and a link can open an example directly.

In team mode (issue 17) ``store`` is the signed-in lawyer's ``LawyerView`` (``services.store``): the list holds only
their own and shared matters, a new matter is theirs, and ``?matter=`` of any other matter says 未找到该事项 exactly
as for one that does not exist (the refused access is audited). Only the owner may delete a matter.
"""

from __future__ import annotations

import json

import streamlit as st

from assistant.store import ConflictError, MatterStore, StoreError
from i18n import label, t
from services import current_user, examples
from views.state import load_matter

SELECT_KEY = "matter_select"
HOME = "__home__"  # the matter picker's first entry: the first page (orientation, recent matters; issue 16)
PAGES = {"matter": "page_matter", "triage": "page_triage", "eval": "page_eval"}  # page → its i18n label key


def _flash(kind: str, text: str) -> None:
    st.session_state.setdefault("flash", []).append((kind, text))


def _select(matter_id: str | None) -> None:
    st.session_state[SELECT_KEY] = matter_id


def _create(store: MatterStore, doctrine: str) -> None:
    name = (st.session_state.get("new_matter_name") or "").strip() or t("default_matter_name")
    _select(store.create_matter(name, doctrine=doctrine).id)
    st.session_state["new_matter_name"] = ""


def load_example(store: MatterStore, name: str, doctrine: str) -> str | None:
    """Create a matter from the worked example ``name``; returns its id, or None when there is no such example."""
    path = examples().get(name)
    if path is None:
        _flash("error", f"{t('no_examples')} ({name})")
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    facts = data.get("facts", data) if isinstance(data, dict) else {}
    facts = {k: v for k, v in facts.items() if v is not None and not k.startswith("_")}
    title = f"示例：{label('example', name)}"  # its Chinese title (labels_zh.yaml), never the file name (issue 16)
    matter = store.create_matter(title, doctrine=data.get("doctrine", doctrine) if "facts" in data else doctrine,
                                 facts=facts)
    _select(matter.id)
    return matter.id


def _rename(store: MatterStore) -> None:
    name = (st.session_state.get("rename_to") or "").strip()
    matter_id = st.session_state.get("matter_id")
    if not name or not matter_id:
        return
    try:
        matter = store.rename(matter_id, name, expected_revision=st.session_state.get("matter_rev", 0))
    except ConflictError as exc:
        _flash("error", str(exc))
        return
    except StoreError as exc:
        _flash("error", str(exc))
        return
    st.session_state["matter_rev"] = matter.revision
    st.session_state["rename_to"] = ""


def _duplicate(store: MatterStore) -> None:
    if st.session_state.get("matter_id"):
        _select(store.duplicate(st.session_state["matter_id"]).id)


def _delete(store: MatterStore) -> None:
    matter_id = st.session_state.get("matter_id")
    if not matter_id or not st.session_state.get("delete_confirm"):
        return
    try:
        name = store.get_matter(matter_id).name
        store.delete(matter_id)  # team mode: only the owner (LawyerView refuses anyone else)
    except StoreError as exc:
        _flash("error", str(exc))
        return
    _flash("success", t("deleted", name=name))
    st.session_state["delete_confirm"] = False
    st.session_state.pop("matter_id", None)
    _select(None)


def _query_params(store: MatterStore, doctrine: str) -> None:
    """Apply ``?example=`` once per session and ``?matter=`` when nothing is selected yet."""
    params = st.query_params
    example = params.get("example")
    if example and st.session_state.get("qp_example_done") != example:
        st.session_state["qp_example_done"] = example
        load_example(store, example, doctrine)
    wanted = params.get("matter")
    if wanted and not st.session_state.get(SELECT_KEY):
        try:
            store.get_matter(wanted)
        except StoreError:  # missing, or another lawyer's: the same words, so existence is not revealed
            _flash("warning", f"未找到该事项（{wanted}）")
        else:
            _select(wanted)


def render(store: MatterStore, default_doctrine: str) -> str:
    """Draw the sidebar; load the selected matter into the session when it changed; return the page chosen."""
    sb = st.sidebar
    sb.toggle(t("lang_toggle"), key="lang_en")
    user = current_user()
    if user:
        from views.session_bar import signout_link  # same-tab 退出登录 through the gate (assistant/auth)

        signout_link(user, sb)
    page = sb.radio(t("page"), list(PAGES), key="page", format_func=lambda p: t(PAGES[p]))
    _query_params(store, default_doctrine)

    sb.subheader(t("matters"))
    matters = store.list_matters()
    names = {m.id: m.name for m in matters}
    if st.session_state.get(SELECT_KEY) not in names and not (matters and st.session_state.get(SELECT_KEY) == HOME):
        _select(matters[0].id if matters else None)
    if matters:
        from views.matters_list import short_label  # each matter's 诉讼时效 badge beside its name (issue 13)

        labels = {m.id: f"{m.name} · {short_label(store, m)}" for m in matters}
        labels[HOME] = t("home")
        sb.selectbox(t("matter_select"), [HOME, *names], key=SELECT_KEY, format_func=lambda i: labels.get(i, i))
    else:
        sb.caption(t("no_matters"))

    selected = st.session_state.get(SELECT_KEY)
    selected = None if selected == HOME else selected
    if selected and selected != st.session_state.get("matter_id"):
        try:
            load_matter(store, selected)
        except StoreError:  # unshared or deleted since the list was read: nothing of it is shown
            _flash("warning", f"未找到该事项（{selected}）")
            selected = None  # the picker is drawn already; the next run's list no longer holds it
    if not selected:
        st.session_state.pop("matter_id", None)
    if selected:
        st.query_params["matter"] = selected
        if "example" in st.query_params:
            del st.query_params["example"]

    with sb.expander(t("new_matter"), expanded=not matters):
        st.text_input(t("new_matter_name"), key="new_matter_name")
        st.button(t("new_matter"), key="new_matter", on_click=_create, args=(store, default_doctrine))
        available = list(examples())
        if available:
            st.selectbox(t("example"), available, key="example_select", format_func=lambda n: label("example", n))
            st.button(t("example_load"), key="example_load",
                      on_click=lambda: load_example(store, st.session_state["example_select"], default_doctrine))
        else:
            st.caption(t("no_examples"))

    owns = not user or any(m.id == selected and m.owner == user for m in matters)
    if selected:
        with sb.expander(t("rename") + " / " + t("duplicate") + " / " + t("delete")):
            st.text_input(t("rename_to"), key="rename_to")
            st.button(t("rename"), key="rename_btn", on_click=_rename, args=(store,))
            st.button(t("duplicate"), key="duplicate_btn", on_click=_duplicate, args=(store,))
            if owns:  # a lawyer a matter is shared with may edit it, not delete it
                st.checkbox(t("delete_confirm"), key="delete_confirm")
                st.button(t("delete"), key="delete_btn", on_click=_delete, args=(store,),
                          disabled=not st.session_state.get("delete_confirm"))
    return page
