"""Team mode building blocks on both backends: users with bcrypt hashes, a matter's owner and its shares."""

from __future__ import annotations

import pytest

from assistant.store import MatterStore, StoreError
from assistant.store.users import UserStore

PW_A, PW_B = "zhang-口令-0001", "li-password-0002"


@pytest.fixture()
def users(db_target):
    us = UserStore(db_target)
    us.add("zhang", PW_A, display_name="张律师")
    us.add("li", PW_B)
    return us


def test_only_a_salted_hash_is_stored_and_verify_checks_it(users, db_target):
    with users.backend.read() as conn:
        stored = conn.execute("SELECT password_hash FROM users WHERE username = 'zhang'").fetchone()[0]
    assert stored.startswith("$2b$12$") and PW_A not in stored
    assert users.verify("zhang", PW_A).display_name == "张律师"
    assert users.verify("zhang", PW_B) is None and users.verify("nobody", PW_A) is None
    users.reset_password("zhang", "a-new-password-3")
    assert users.verify("zhang", PW_A) is None and users.verify("zhang", "a-new-password-3") is not None
    assert [u.username for u in UserStore(db_target).list()] == ["li", "zhang"]


def test_bad_user_names_and_passwords_are_refused_with_a_reason(users):
    with pytest.raises(StoreError, match="already exists"):
        users.add("zhang", PW_A)
    with pytest.raises(StoreError, match="user name"):
        users.add("Zhang Wei", PW_A)
    with pytest.raises(StoreError, match="at least 10"):
        users.add("wang", "short")
    with pytest.raises(StoreError, match="72 bytes"):
        users.add("wang", "长" * 30)  # 90 bytes: bcrypt would silently ignore the tail
    assert [u.username for u in users.list()] == ["li", "zhang"]  # nothing half-added


def test_a_disabled_user_cannot_sign_in_or_be_shared_with_but_keeps_their_matters(users, db_target):
    store = MatterStore(db_target)
    mine = store.create_matter("张某诉外卖平台", owner="li")
    users.disable("li")
    assert users.get("li").disabled and users.verify("li", PW_B) is None
    with pytest.raises(StoreError, match="disabled"):
        store.share(store.create_matter("x", owner="zhang").id, "li")
    assert [m.id for m in store.visible_matters("li")] == [mine.id]
    users.enable("li")
    assert users.verify("li", PW_B) is not None


def test_a_matter_is_invisible_to_another_lawyer_until_shared(users, db_target):
    store = MatterStore(db_target)
    a = store.create_matter("A 的事项", owner="zhang", facts={"harm": "none"})
    legacy = store.create_matter("团队模式之前的事项")  # no owner
    assert [m.id for m in store.visible_matters("zhang")] == [a.id]
    assert store.visible_matters("li") == [] and not store.may_see(a.id, "li")
    store.share(a.id, "li")
    store.share(a.id, "li")  # twice: no error, one share
    assert store.shared_with(a.id) == ["li"] and store.may_see(a.id, "li")
    assert [m.id for m in store.visible_matters("li")] == [a.id]
    assert {m.id for m in store.visible_matters(None)} == {a.id, legacy.id}  # no one signed in: local use
    assert not store.may_see(legacy.id, "zhang")
    store.unshare(a.id, "li")
    assert store.visible_matters("li") == [] and store.get_matter(a.id).owner == "zhang"
    with pytest.raises(StoreError, match="no lawyer"):
        store.share(a.id, "nobody")
    moved = store.set_owner(legacy.id, "li")
    assert moved.owner == "li" and [m.id for m in store.visible_matters("li")] == [legacy.id]
    copy = store.duplicate(a.id)
    assert copy.owner == "zhang" and store.shared_with(copy.id) == []
    store.delete(a.id)
    assert store.shared_with(a.id) == []
