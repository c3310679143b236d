"""The guard's findings marked in the rendered memo (issue 16): each flagged sentence gets a coloured background with
the finding as its tooltip and, right below it, the finding in words.

Display only: ``marked`` returns the Markdown given to ``st.markdown``; the memo that is stored, checked and exported
stays the lawyer's text (``memo_panel`` never saves this). The colours are in ``views/layout.py``.
"""

from __future__ import annotations

import html
import re
from typing import Any

from assistant.memo.sections import section_spans

MARK = "⚠需复核"
_END = "。！？!?"
# What opens a Markdown line before its text: heading marks, quote marks, list bullets and numbers.
_LINE_PREFIX = re.compile(r"[ \t]*(?:#{1,6}[ \t]+|>[ \t]?|[-*+][ \t]+|\d+[.)][ \t]+)*")


def _escape(text: str) -> str:
    """Memo text as Markdown that raw HTML cannot break: a ``<`` in the memo is shown, never parsed as a tag."""
    return text.replace("&", "&amp;").replace("<", "&lt;")


def sentence_span(markdown: str, start: int, end: int) -> tuple[int, int]:
    """The sentence of ``markdown`` around ``[start, end)``: from the previous 。！？ (or the line's text after its
    Markdown marks) to the next one included, never past the line that holds ``start``."""
    line_start = markdown.rfind("\n", 0, start) + 1
    line_end = markdown.find("\n", start)
    line_end = len(markdown) if line_end == -1 else line_end
    text_start = _LINE_PREFIX.match(markdown, line_start, line_end).end()  # an absolute offset
    begin = max([text_start] + [i + 1 for i in range(text_start, start) if markdown[i] in _END])
    stop = min(max(end, start + 1), line_end)
    close = next((i + 1 for i in range(max(stop - 1, begin), line_end) if markdown[i] in _END), line_end)
    while close > begin and markdown[close - 1] in " \t\r":
        close -= 1
    return min(begin, start), max(close, min(end, line_end))


def _loose_at(markdown: str) -> int:
    """Where findings without a span go: the end of 简要结论, else the end of the title line, else the top."""
    title_span, spans = section_spans(markdown)
    if "简要结论" in spans:
        return len(markdown[:spans["简要结论"][0][1]].rstrip("\n"))
    if title_span is not None:
        line_end = markdown.find("\n", title_span[1])
        return len(markdown) if line_end == -1 else line_end
    return 0


def marked(markdown: str, report: Any) -> str:
    """``markdown`` with every sentence the guard flags wrapped in ``<mark class="guard-flag" title=…>`` and followed by
    its finding (``⚠需复核：…``); span-less findings as a quoted note under 简要结论. Unchanged when the check passed."""
    findings = list(getattr(report, "findings", None) or [])
    if report is None or getattr(report, "ok", True) or not findings:
        return markdown
    by_sentence: dict[tuple[int, int], list[str]] = {}
    loose: list[str] = []
    for f in findings:
        if f.start is None or f.end is None:
            if f.reason not in loose:
                loose.append(f.reason)
            continue
        reasons = by_sentence.setdefault(sentence_span(markdown, f.start, f.end), [])
        if f.reason not in reasons:
            reasons.append(f.reason)
    # Overlapping sentences (two findings in one) are merged, so no mark is nested in another.
    merged: list[tuple[int, int, list[str]]] = []
    for (s, e), reasons in sorted(by_sentence.items()):
        if merged and s < merged[-1][1]:
            ps, pe, pr = merged[-1]
            merged[-1] = (ps, max(pe, e), pr + [r for r in reasons if r not in pr])
        else:
            merged.append((s, e, list(reasons)))
    out: list[str] = []
    pos = 0
    pending = bool(loose)
    loose_at = _loose_at(markdown) if loose else 0
    notes = "\n\n" + "\n".join(f"> **{MARK}：{_escape(r)}**" for r in loose) + "\n"
    for s, e, reasons in merged:
        if pending and loose_at <= s:
            at = max(loose_at, pos)
            out.append(_escape(markdown[pos:at]) + notes)
            pos, pending = at, False
        words = "；".join(reasons)
        out.append(_escape(markdown[pos:s]))
        out.append(f'<mark class="guard-flag" title="{html.escape(words, quote=True)}">{_escape(markdown[s:e])}</mark>'
                   f'<span class="guard-note">{MARK}：{html.escape(words)}</span>')
        pos = e
    if pending:  # after the last mark (or inside a marked sentence: then right after it); never dropped
        at = max(loose_at, pos)
        out.append(_escape(markdown[pos:at]) + notes)
        pos = at
    out.append(_escape(markdown[pos:]))
    return "".join(out)
