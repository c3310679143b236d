"""Chinese numerals as printed in statute article numbers (第一千一百九十八条), both ways, for 0..9999."""

from __future__ import annotations

DIGITS = "零一二三四五六七八九"
_DIGIT_VALUE = {c: i for i, c in enumerate(DIGITS)} | {"〇": 0, "两": 2}
_UNITS = {"十": 10, "百": 100, "千": 1000}
NUMERAL_CHARS = set(_DIGIT_VALUE) | set(_UNITS)


def to_chinese(n: int) -> str:
    """Render 0 < n < 10000 the way statutes print it: 38 → 三十八, 108 → 一百零八, 1260 → 一千二百六十."""
    if not isinstance(n, int) or isinstance(n, bool) or not 0 < n < 10000:
        raise ValueError(f"cannot render {n!r} as a Chinese article number (1..9999)")
    if 10 <= n < 20:  # 十, 十一 … 十九: no leading 一 in statute numbering
        return "十" + (DIGITS[n - 10] if n > 10 else "")
    out: list[str] = []
    pending_zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // value % 10
        if d == 0:
            if out:
                pending_zero = True
            continue
        if pending_zero:
            out.append("零")
            pending_zero = False
        out.append(DIGITS[d] + unit)
    return "".join(out)


def from_chinese(s: str) -> int:
    """Parse a Chinese numeral (一千一百九十八 → 1198, 十 → 10, 一百零八 → 108); ValueError on anything else."""
    if not s or any(c not in NUMERAL_CHARS for c in s):
        raise ValueError(f"not a Chinese numeral: {s!r}")
    total = 0
    digit: int | None = None
    last_unit = 10_000
    for c in s:
        if c in _UNITS:
            unit = _UNITS[c]
            if unit >= last_unit:
                raise ValueError(f"units out of order in Chinese numeral: {s!r}")
            if digit is None:
                if unit != 10 or total:  # a bare 十 may open a number (十八), nothing else may
                    raise ValueError(f"unit without digit in Chinese numeral: {s!r}")
                digit = 1
            if digit == 0:
                raise ValueError(f"零 before a unit in Chinese numeral: {s!r}")
            total += digit * unit
            digit = None
            last_unit = unit
        else:
            value = _DIGIT_VALUE[c]
            if digit is not None and not (digit == 0 and value != 0):
                raise ValueError(f"two digits in a row in Chinese numeral: {s!r}")
            digit = value
    if digit:
        total += digit
    if total == 0:
        raise ValueError(f"not a positive Chinese numeral: {s!r}")
    return total


def is_canonical(s: str) -> bool:
    """True when ``s`` is exactly how :func:`to_chinese` prints its value (catches 一十八, 一百八 …)."""
    try:
        return to_chinese(from_chinese(s)) == s
    except ValueError:
        return False
