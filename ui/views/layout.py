"""Page-wide layout rules (issue 16): nothing a lawyer must read is cut off with "…" at 1280×800 or 1920×1080.

Streamlit draws a checkbox's or a widget's label on one line and clips it with an ellipsis when the column is
narrow; the questions to ask the client (缺失事实) are checkbox labels of a third of the page. They wrap instead.
The guard's marks in the rendered memo get their colours here too (``memo_panel.marked``).
"""

from __future__ import annotations

import streamlit as st

CSS = """
<style>
/* Labels wrap onto more lines instead of being clipped with an ellipsis (client questions, long fact labels). */
[data-testid="stCheckbox"] label, [data-testid="stCheckbox"] label *,
[data-testid="stRadio"] label, [data-testid="stRadio"] label *,
[data-testid="stWidgetLabel"], [data-testid="stWidgetLabel"] * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}
/* A button's label is one line and the button as wide as its label. */
[data-testid="stButton"] button p, [data-testid="stDownloadButton"] button p { white-space: nowrap; }
[data-testid="stButton"] button, [data-testid="stDownloadButton"] button { min-width: max-content; }
/* Expander headers (the trace, the sources) wrap rather than cut. */
[data-testid="stExpander"] summary, [data-testid="stExpander"] summary * {
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}
/* The facts form's three groups: side by side when each gets 16.5rem, else wrapped under one another, so a select
   shows its whole value (第三方平台（平台内经营者销售）) at 1280×800. */
.st-key-facts_groups [data-testid="stHorizontalBlock"] { flex-wrap: wrap; }
.st-key-facts_groups [data-testid="stColumn"] { min-width: 16.5rem; flex: 1 1 16.5rem; }
/* The doctrine alternatives (不同学说立场下的结论): at least 9rem a column, wrapped onto more rows when the panel is
   narrow, so a profile's name reads in lines, not two characters a line. */
.st-key-doctrine_alternatives [data-testid="stHorizontalBlock"] { flex-wrap: wrap; row-gap: 0.5rem; }
.st-key-doctrine_alternatives [data-testid="stColumn"] { min-width: 9rem; flex: 1 1 9rem; }
/* A sidebar wide enough for a matter's or an example's name in its picker. */
section[data-testid="stSidebar"] { width: 24rem !important; min-width: 24rem !important; }
/* The guard's findings in the rendered memo: the flagged sentence, and the finding right below it. */
mark.guard-flag { background: #fff3b0; border-bottom: 2px solid #d93025; padding: 0 1px; cursor: help; }
span.guard-note { display: block; margin: 2px 0 6px; padding: 2px 6px; border-left: 3px solid #d93025;
  background: #fdecea; color: #a50e0e; font-size: 0.85em; }
</style>
"""


# Streamlit's file uploader has no locale: its button reads "Upload" and its hint "200MB per file • CSV…". In the
# Chinese workspace the button is relabelled here and the hint replaced by the caption the triage page writes.
CSS_ZH = """
<style>
[data-testid="stFileUploaderDropzoneInstructions"] { display: none !important; }
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] { display: none !important; }
[data-testid="stFileUploaderDropzone"] button::after { content: "选择文件"; font-size: 0.875rem; }
</style>
"""


def apply() -> None:
    """Add the page-wide style rules to this run (a style-only st.html takes no space on the page)."""
    st.html(CSS if st.session_state.get("lang_en") else CSS + CSS_ZH)
