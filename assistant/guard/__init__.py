"""The guard: every citation and every conclusion of a memo checked against the corpus and the verdict.

It only reports; it never changes the memo. ``check_memo`` lives in ``assistant.guard.check``.
"""
