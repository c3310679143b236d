"""Sign-in for the workspace in team mode (issue 17): a gate in front of Streamlit and its server-side sessions.

    from assistant.auth.sessions import SessionStore
    sessions = SessionStore.open(settings)
    token = sessions.create("zhang", hours=8)      # the cookie's value; only its SHA-256 is stored
    sessions.verify(token)                         # the user name, or None (unknown, expired, idle, user disabled)

    from assistant.auth.gate import build_gate     # the ASGI app `lexmemo ui` serves on the public address
"""
