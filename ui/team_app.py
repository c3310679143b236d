"""Team mode's Streamlit entry (`lexmemo ui` behind the sign-in gate): ``app.py`` as an ``st.App`` whose every
route, ``/media`` downloads and the websocket included, first checks the gate's per-launch secret
(``assistant/auth/internal.py``), so nothing on Streamlit's internal loopback port answers anyone but the gate."""

import streamlit as st
from starlette.middleware import Middleware

from assistant.auth.internal import GateOnly

# `streamlit run team_app.py` finds this ``app`` and serves it with uvicorn (same flags, same ui/.streamlit config).
app = st.App("app.py", middleware=[Middleware(GateOnly)])
