"""Team mode in the workspace (issue 17): the signed-in lawyer (header X-Lexmemo-User, set by the sign-in gate) sees
only their own and shared matters and batches; every access is audited; no header, no workspace.

AppTest cannot send request headers, so ``team`` patches streamlit's client context (what ``st.context.headers``
reads) to carry the gate's header: the app code under test is unchanged, it reads the header as in production.
The visibility test also runs with the matters on PostgreSQL (``LEXMEMO_TEST_DATABASE_URL``, a schema of its own;
skipped without it locally, failing in CI as the store tests do).
"""

from __future__ import annotations

import csv
import io
from types import SimpleNamespace

import pytest
from pg_fixture import fresh_schema

from assistant.settings import get_settings
from assistant.store import MatterStore
from assistant.store.audit import store_audit
from assistant.store.batches import BatchStore
from assistant.store.users import UserStore
from ui_helpers import new_app, ok, texts

NAME = "张某诉某外卖平台食物中毒案"
GATE_SECRET = "per-launch-secret-0123456789abcdefghijklmnopq"


@pytest.fixture()
def database(request, data_dir, monkeypatch):
    """The SQLite file under the data dir (default), or (parametrized "postgres") a fresh PostgreSQL schema."""
    if getattr(request, "param", "sqlite") == "sqlite":
        yield None
        return
    with fresh_schema("lexmemo_ui", "team workspace test") as url:
        monkeypatch.setenv("LEXMEMO_DATABASE_URL", url)
        yield url


@pytest.fixture()
def team(database, monkeypatch):
    """Team preset on the test's data dir, lawyers zhang and li; returns ``as_user(name)`` → a fresh session."""
    monkeypatch.setenv("LEXMEMO_PRESET", "team")
    users = UserStore.open(get_settings())
    assert users.backend.postgres == (database is not None)  # the variant really runs on the database it names
    users.add("zhang", "zhang-password-1", display_name="张律师")
    users.add("li", "li-password-22", display_name="李律师")
    # What `lexmemo ui` gives Streamlit's environment and the gate sends with every request (X-Lexmemo-Gate).
    monkeypatch.setenv("LEXMEMO_GATE_SECRET", GATE_SECRET)
    header: dict[str, str | None] = {"user": None, "gate": GATE_SECRET}

    def client_context():
        sent = [("X-Lexmemo-User", header["user"])] if header["user"] is not None else []
        sent += [("X-Lexmemo-Gate", header["gate"])] if header["gate"] is not None else []
        return SimpleNamespace(headers=sent, cookies={})

    monkeypatch.setattr("streamlit.runtime.context._get_client_context", client_context)

    def as_user(name: str | None, **query: str):
        header["user"] = name
        return new_app(**query)

    as_user.header = header  # type: ignore[attr-defined]
    return as_user


def _store() -> MatterStore:
    return MatterStore.open(get_settings())


def _listed(at) -> list[str]:
    """The matter names the sidebar picker offers (its labels are 「name · 时效…」; the 首页 entry left out)."""
    pickers = [s for s in at.sidebar.selectbox if s.key == "matter_select"]
    return [o.split(" · ")[0] for o in (pickers[0].options[1:] if pickers else [])]


def _create(at, name: str):
    at.sidebar.text_input(key="new_matter_name").set_value(name)
    return ok(at.sidebar.button(key="new_matter").click().run())


def test_without_a_signed_in_lawyer_nothing_but_not_signed_in_is_shown(team):
    store = _store()
    m = store.create_matter(NAME, owner="zhang")
    for user in (None, "", "mallory"):  # no header, an empty one, a name that is no lawyer of the firm
        at = team(user, matter=m.id)
        page = texts(at)
        assert "未登录" in page and NAME not in page
        assert not at.sidebar.selectbox and not at.text_input and not at.button  # no list, no form, no button
    UserStore.open(get_settings()).disable("zhang")
    at = team("zhang", matter=m.id)  # disabled after sign-in: the next run shows nothing
    assert "未登录" in texts(at) and NAME not in texts(at)


@pytest.mark.parametrize("gate", [None, "", "guessed-secret", GATE_SECRET[:-1], GATE_SECRET + "x", "密钥"])
def test_a_forged_user_header_without_the_gate_secret_shows_only_not_signed_in(team, gate):
    """Another account on the server talking to Streamlit's internal port directly: a real lawyer's name in
    X-Lexmemo-User, but no (or a wrong) X-Lexmemo-Gate: no matter, no list, no form (issue 17)."""
    m = _store().create_matter(NAME, owner="zhang")
    team.header["gate"] = gate
    at = team("zhang", matter=m.id)
    page = texts(at)
    assert "未登录" in page and NAME not in page and GATE_SECRET not in page
    assert not at.sidebar.selectbox and not at.text_input and not at.button
    team.header["gate"] = GATE_SECRET  # the same run with the gate's secret: the lawyer's matter (the test can fail)
    assert NAME in texts(team("zhang", matter=m.id))


def test_without_a_gate_secret_in_streamlits_environment_nobody_is_signed_in(team, monkeypatch):
    """A Streamlit started in team mode by hand (not by `lexmemo ui`) has no secret: it trusts no user header, even
    one that carries an empty gate header to match an empty secret."""
    m = _store().create_matter(NAME, owner="zhang")
    for env_value, sent in ((None, GATE_SECRET), ("", ""), ("", None)):
        if env_value is None:
            monkeypatch.delenv("LEXMEMO_GATE_SECRET")
        else:
            monkeypatch.setenv("LEXMEMO_GATE_SECRET", env_value)
        team.header["gate"] = sent
        page = texts(team("zhang", matter=m.id))
        assert "未登录" in page and NAME not in page


@pytest.mark.parametrize("database", ["sqlite", "postgres"], indirect=True)
def test_a_matter_is_invisible_to_b_until_shared_then_visible_and_every_access_is_audited(team):
    a = _create(team("zhang"), NAME)
    store = _store()
    (matter,) = store.list_matters()
    mid = matter.id
    assert _listed(a) == [NAME] and matter.owner == "zhang" and a.header[0].value == NAME

    b = team("li")
    assert _listed(b) == [] and NAME not in texts(b)
    assert NAME not in [x.label for x in b.button]  # nor in the first page's recent matters (their names are buttons)
    b = team("li", matter=mid)  # a link to A's matter: the same answer as for a matter that does not exist
    assert "未找到该事项" in texts(b) and NAME not in texts(b) and _listed(b) == []
    assert "未找到该事项" in texts(team("li", matter="nosuchmatter"))

    a = team("zhang", matter=mid)
    assert "所有者：张律师（zhang） · 共享给：无" in texts(a)
    ok(a.selectbox(key="share_with").set_value("li").run())
    ok(a.button(key="share_btn").click().run())
    assert store.shared_with(mid) == ["li"] and "共享给：李律师（li）" in texts(a)

    b = team("li", matter=mid)
    assert _listed(b) == [NAME] and b.header[0].value == NAME
    assert "所有者：张律师（zhang） · 共享给：李律师（li）" in texts(b)
    assert not [x for x in b.button if x.key in ("share_btn", "unshare_btn")]  # only the owner shares
    assert "delete_btn" not in {x.key for x in b.sidebar.button}  # a shared lawyer edits, never deletes
    ok(b.sidebar.selectbox(key="matter_select").set_value("__home__").run())
    assert NAME in [x.label for x in b.button]  # the first page's recent matters list it now
    ok(b.sidebar.selectbox(key="matter_select").set_value(mid).run())  # B keeps the matter open
    assert b.header[0].value == NAME

    a = team("zhang", matter=mid)
    ok(a.selectbox(key="unshare_who").set_value("li").run())
    ok(a.button(key="unshare_btn").click().run())
    team.header["user"] = "li"
    ok(b.run())  # B's session, still open on the matter, runs again: nothing of it is shown any more
    assert NAME not in texts(b) and NAME not in [x.label for x in b.button] and _listed(b) == []
    b = team("li", matter=mid)
    assert _listed(b) == [] and NAME not in texts(b) and "未找到该事项" in texts(b)

    trail = [(e.username, e.action, e.detail) for e in store_audit(store, mid)]
    assert trail[0] == ("zhang", "create", NAME)
    kinds = [(u, act) for u, act, _ in trail]
    first_share, unshare = kinds.index(("zhang", "share")), kinds.index(("zhang", "unshare"))
    li_before = [act for u, act in kinds[:first_share] if u == "li"]
    li_shared = [act for u, act in kinds[first_share:unshare] if u == "li"]
    li_after = [act for u, act in kinds[unshare:] if u == "li"]
    assert li_before == ["denied"]  # the ?matter= link: refused and recorded
    assert li_shared and set(li_shared) == {"read"}  # read through the view while shared (header, facts, memo)
    assert li_after == ["denied"]
    assert ("li", "denied", "get_matter") in trail and ("zhang", "read", "latest_facts") in trail
    lists = [e for e in store_audit(store) if e.action == "list" and e.username == "li"]
    assert lists and all(e.matter_id is None for e in lists)  # listings are recorded too


def test_an_edit_by_the_lawyer_it_is_shared_with_is_saved_and_audited_under_their_name(team):
    store = _store()
    m = store.create_matter(NAME, owner="zhang", facts={"harm": "personal_injury"})
    store.share(m.id, "li")
    b = team("li", matter=m.id)
    ok(b.text_area(key="fact_narrative").set_value("外卖盒饭导致食物中毒住院。").run())
    assert store.latest_facts(m.id).facts["narrative"] == "外卖盒饭导致食物中毒住院。"
    assert ("li", "write", "save_facts") in [(e.username, e.action, e.detail) for e in store_audit(store, m.id)]


def _claims() -> bytes:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=["id", "narrative"])
    w.writeheader()
    w.writerow({"id": "k1", "narrative": "2023年5月在外卖平台点餐后食物中毒住院，平台从没审核过这家店的食品经营许可证。"})
    return buf.getvalue().encode("utf-8")


def test_triage_batches_belong_to_the_lawyer_who_ran_them(team):
    a = team("zhang")
    ok(a.sidebar.radio(key="page").set_value("triage").run())
    a.file_uploader(key="triage_upload").upload("claims.csv", _claims(), "text/csv")
    ok(a.run())
    ok(a.button(key="triage_run").click().run())
    (batch,) = BatchStore.open(get_settings()).list()
    assert batch.owner == "zhang"

    b = team("li")
    ok(b.sidebar.radio(key="page").set_value("triage").run())
    assert not [s for s in b.selectbox if s.key == "triage_saved"]  # zhang's batch is not listed to li

    a = team("zhang")
    ok(a.sidebar.radio(key="page").set_value("triage").run())
    assert batch.id == a.selectbox(key="triage_saved").value
    ok(a.button(key="triage_reopen").click().run())
    ok(a.selectbox(key="triage_open_id").set_value("k1").run())
    ok(a.button(key="triage_open").click().run())
    store = _store()
    (matter,) = store.visible_matters("zhang")
    assert matter.owner == "zhang" and store.visible_matters("li") == []
    actions = [(e.username, e.action) for e in store_audit(store) if e.action.startswith("batch")]
    assert actions.index(("zhang", "batch-create")) < actions.index(("li", "batch-list"))
    assert ("zhang", "batch-read") in actions
    assert ("zhang", "create") in [(e.username, e.action) for e in store_audit(store, matter.id)]


def test_a_draft_by_the_lawyer_it_is_shared_with_is_theirs_in_the_audit_and_the_owner_reads_it(team, served_files):
    import json
    from pathlib import Path

    example = Path(__file__).resolve().parents[2] / "examples" / "claims" / "drug_minor_contribution.json"
    data = json.loads(example.read_text(encoding="utf-8"))
    facts = {k: v for k, v in data.get("facts", data).items() if v is not None and not k.startswith("_")}
    store = _store()
    m = store.create_matter(NAME, owner="zhang", facts=facts)
    store.share(m.id, "li")
    b = team("li", matter=m.id)
    ok(b.button(key="draft").click().run())
    (memo,) = store.memo_history(m.id)
    assert memo.status == "done" and "补充责任" in memo.markdown
    assert served_files[f"{NAME}.md"].decode("utf-8") == memo.markdown  # B's export, of the matter shared with B
    trail = [(e.username, e.action, e.detail) for e in store_audit(store, m.id)]
    assert ("li", "write", "begin_draft") in trail and ("li", "write", "complete_draft") in trail
    a = team("zhang", matter=m.id)  # the owner opens the matter: B's memo is its latest version
    assert any(f"#{memo.id}" in o for o in a.selectbox(key="history_pick").options)
    assert ("zhang", "read", "latest_memo") in [(e.username, e.action, e.detail) for e in store_audit(store, m.id)]
