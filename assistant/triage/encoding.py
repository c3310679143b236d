"""Decoding claim files: UTF-8, UTF-8 with BOM and GB18030 (what Excel in China writes), detected per line.

A file that decodes as UTF-8 is UTF-8. Otherwise each line is decoded on its own: a line that is valid UTF-8 is
read as UTF-8, else as GB18030 (a file pasted together from two exports holds both; decoding it whole as
GB18030 turns the UTF-8 rows into mojibake without any error). The file's encoding is the one most non-ASCII
lines used; lines read in the other encoding are returned so their rows can be flagged. Bytes that decode in
neither become lone surrogates (``surrogateescape``) so the broken row is reported in its own row while the
rest of the batch goes on.
"""

from __future__ import annotations

import re

BOM = b"\xef\xbb\xbf"
_SURROGATE = re.compile("[\udc80-\udcff]")
_ANY_SURROGATE = re.compile("[\ud800-\udfff]")


def _try(line: bytes, encoding: str) -> str | None:
    try:
        return line.decode(encoding)
    except UnicodeDecodeError:
        return None


def decode_lines(data: bytes, encoding: str | None = None) -> tuple[str, str, set[int]]:
    """Decode a file; return the text, the main encoding, and the 1-based lines decoded in another encoding."""
    if encoding:
        return data.decode(encoding, errors="surrogateescape"), encoding, set()
    if data.startswith(BOM):
        data, label = data[len(BOM):], "utf-8-sig"
    else:
        label = "utf-8"
    whole = _try(data, "utf-8")
    if whole is not None:
        return whole, label, set()
    parts: list[tuple[str, str | None]] = []  # (text, encoding used) per line; None = ASCII
    for raw in data.split(b"\n"):
        if raw.isascii():
            parts.append((raw.decode("ascii"), None))
        elif (s := _try(raw, "utf-8")) is not None:
            parts.append((s, "utf-8"))
        elif (s := _try(raw, "gb18030")) is not None:
            parts.append((s, "gb18030"))
        else:
            parts.append((raw, "?"))  # decoded below in the main encoding, with surrogates
    used = [enc for _, enc in parts if enc in ("utf-8", "gb18030")]
    main = "utf-8" if used.count("utf-8") > used.count("gb18030") else "gb18030"
    text: list[str] = []
    other: set[int] = set()
    for n, (s, enc) in enumerate(parts, start=1):
        if enc == "?":
            text.append(s.decode(main, errors="surrogateescape"))  # type: ignore[union-attr]
            continue
        if enc is not None and enc != main:
            other.add(n)
        text.append(s)  # type: ignore[arg-type]
    return "\n".join(text), (label if main == "utf-8" else main), other


def decode_bytes(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Decode a whole file; return the text (bad bytes as lone surrogates) and the encoding used."""
    text, used, _ = decode_lines(data, encoding)
    return text, used


def undecodable(text: str) -> bool:
    """True when ``text`` holds bytes that did not decode, or any lone surrogate (e.g. a JSON ``\\ud800``)."""
    return bool(_ANY_SURROGATE.search(text))


def describe_undecodable(text: str, encoding: str) -> str:
    """A plain error naming the first undecodable bytes and the encoding the file was read as."""
    bad = "".join(f"\\x{ord(ch) - 0xDC00:02x}" for ch in _SURROGATE.findall(text)[:4])
    if not bad:
        first = _ANY_SURROGATE.search(text)
        return (f"broken text: a lone surrogate \\u{ord(first.group()):04x} (half of an emoji or a broken escape) "
                "cannot be written as UTF-8; re-save this row") if first else "broken text"
    return f"broken encoding: bytes {bad} are not valid {encoding} (the file was read as {encoding}); re-save this row"


def clean(text: str) -> str:
    """Replace undecodable bytes and lone surrogates by U+FFFD so the row can still be written out."""
    return _ANY_SURROGATE.sub("\ufffd", text)
