"""A lawyer's view: another lawyer's matter is invisible until shared, and every access is in the audit table."""

from __future__ import annotations

import pytest

from assistant.store import ConflictError, MatterNotFound, MatterStore
from assistant.store.audit import LawyerView, store_audit
from assistant.store.users import UserStore


@pytest.fixture()
def views(db_target):
    users = UserStore(db_target)
    users.add("zhang", "zhang-password-1")
    users.add("li", "li-password-22")
    store = MatterStore(db_target)
    return store, LawyerView(store, "zhang"), LawyerView(store, "li")


def test_b_cannot_see_a_matter_of_a_until_shared_then_can(views):
    store, a, b = views
    m = a.create_matter("张某诉外卖平台", facts={"harm": "personal_injury"})
    assert [x.id for x in a.list_matters()] == [m.id] and b.list_matters() == []
    for attempt in (lambda: b.get_matter(m.id), lambda: b.latest_facts(m.id),
                    lambda: b.save_facts(m.id, {"harm": "none"}, 1), lambda: b.share(m.id, "li")):
        with pytest.raises(MatterNotFound):  # the same answer as for a matter that does not exist
            attempt()
    assert b.facts_version(store.latest_facts(m.id).id) is None
    a.share(m.id, "li")
    assert [x.id for x in b.list_matters()] == [m.id]
    assert b.save_facts(m.id, {"harm": "none"}, 1).revision == 2
    with pytest.raises(MatterNotFound):  # shared is not owned: only the owner shares or deletes
        b.delete(m.id)
    with pytest.raises(AttributeError):  # a method not listed in the view is not reachable through it
        b.visible_matters(None)
    a.unshare(m.id, "li")
    assert b.list_matters() == []
    assert store.latest_facts(m.id).facts == {"harm": "none"}  # li's edit stays in the history


def test_every_access_is_recorded_who_when_what(views):
    store, a, b = views
    m = a.create_matter("审计")
    a.save_facts(m.id, {"category": "drug"}, 0)
    with pytest.raises(ConflictError):
        a.save_facts(m.id, {"category": "food"}, 0)
    a.memo_history(m.id)
    memo_id = a.begin_draft(m.id, "template")
    a.complete_draft(memo_id, "# 备忘录", None, True)
    with pytest.raises(MatterNotFound):
        b.memo_history(m.id)
    a.delete(m.id)
    trail = [(e.username, e.action, e.detail) for e in store_audit(store, m.id)]
    assert trail == [
        ("zhang", "create", "审计"), ("zhang", "write", "save_facts"),
        # the losing save's facts were kept as a conflict version (a write, audited in its transaction), then refused
        ("zhang", "write", "save_facts"), ("zhang", "write-failed", "save_facts: ConflictError"),
        ("zhang", "read", "memo_history"), ("zhang", "write", "begin_draft"), ("zhang", "write", "complete_draft"),
        ("li", "denied", "memo_history"), ("zhang", "write", "delete"),
    ]
    assert all(e.at for e in store_audit(store, m.id))  # every row has its time
