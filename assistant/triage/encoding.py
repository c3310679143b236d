"""Decoding claim files: UTF-8, UTF-8 with BOM and GB18030 (what Excel in China writes), detected per file.

Detection: a BOM means UTF-8; a file that decodes as UTF-8 is UTF-8; otherwise, if more of its non-ASCII lines
are valid UTF-8 than not, it is a UTF-8 file with some broken lines; else GB18030. Bytes that do not decode in
the chosen encoding become lone surrogates (``surrogateescape``) so the broken row can be reported in its own
row while the rest of the batch goes on.
"""

from __future__ import annotations

import re

BOM = b"\xef\xbb\xbf"
_SURROGATE = re.compile("[\udc80-\udcff]")


def _valid_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
        return True
    except UnicodeDecodeError:
        return False


def decode_bytes(data: bytes, encoding: str | None = None) -> tuple[str, str]:
    """Decode a whole file; return the text (bad bytes as lone surrogates) and the encoding used."""
    if encoding:
        return data.decode(encoding, errors="surrogateescape"), encoding
    if data.startswith(BOM):
        return data[len(BOM):].decode("utf-8", errors="surrogateescape"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    lines = [ln for ln in data.split(b"\n") if not ln.isascii()]
    good = sum(1 for ln in lines if _valid_utf8(ln))
    if good >= len(lines) - good:
        return data.decode("utf-8", errors="surrogateescape"), "utf-8"
    return data.decode("gb18030", errors="surrogateescape"), "gb18030"


def undecodable(text: str) -> bool:
    """True when ``text`` holds bytes that did not decode (lone surrogates from ``surrogateescape``)."""
    return bool(_SURROGATE.search(text))


def describe_undecodable(text: str, encoding: str) -> str:
    """A plain error naming the first undecodable bytes and the encoding the file was read as."""
    bad = "".join(f"\\x{ord(ch) - 0xDC00:02x}" for ch in _SURROGATE.findall(text)[:4])
    return f"broken encoding: bytes {bad} are not valid {encoding} (the file was read as {encoding}); re-save this row"


def clean(text: str) -> str:
    """Replace undecodable bytes by U+FFFD so the row can still be written out."""
    return _SURROGATE.sub("\ufffd", text)
