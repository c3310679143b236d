"""Mark a memo's failing spans for display: the text is kept whole, a ``**⚠需复核：…**`` note follows each span."""

from __future__ import annotations

from assistant.guard.check import GuardReport
from assistant.memo.sections import section_spans

MARK = "⚠需复核"


def highlight(markdown: str, report: GuardReport) -> str:
    """The memo with ``**⚠需复核：<reason>**`` after every failing span; span-less findings (a missing 简要结论
    line) go at the end of 简要结论, or under the title when that section is missing. Nothing is removed."""
    if report.ok:
        return markdown
    inserts: list[tuple[int, str]] = []
    loose: list[str] = []
    by_span: dict[tuple[int, int], list[str]] = {}
    for finding in report.findings:
        if finding.start is None or finding.end is None:
            loose.append(finding.reason)
        elif finding.reason not in by_span.setdefault((finding.start, finding.end), []):
            by_span[(finding.start, finding.end)].append(finding.reason)
    for (_, end), reasons in by_span.items():
        inserts.append((end, f"**{MARK}：{'；'.join(reasons)}**"))
    if loose:
        title_span, spans = section_spans(markdown)
        note = "\n".join(f"> **{MARK}：{reason}**" for reason in loose)
        if "简要结论" in spans:
            end = spans["简要结论"][0][1]
            body = markdown[:end].rstrip("\n")
            inserts.append((len(body), "\n\n" + note))
        elif title_span is not None:
            line_end = markdown.find("\n", title_span[1])
            inserts.append((len(markdown) if line_end == -1 else line_end, "\n\n" + note))
        else:
            inserts.append((0, note + "\n\n"))
    out = markdown
    # insert from the end so earlier offsets stay valid; several notes at one offset keep report order
    for index, (pos, text) in sorted(enumerate(inserts), key=lambda pair: (-pair[1][0], -pair[0])):
        out = out[:pos] + text + out[pos:]
    return out
