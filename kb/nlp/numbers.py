"""Reading numbers as written in news text: "13", "1,206", "1.94M", "~4,000", "thirteen", "$450K",
"five and a half", "half an"."""

from __future__ import annotations

import re
from typing import Optional

WORD_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "half a": 0.5, "half an": 0.5, "a dozen": 12, "dozens of": 24, "several": None,
}
SCALES = {"k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6,
          "b": 1e9, "bn": 1e9, "billion": 1e9}

#: "five and a half", "2 and a half": a number plus one half.
AND_A_HALF = re.compile(r"\s+and\s+a\s+half$", re.I)
#: A number: digits with separators, or a number word, optionally "and a half"; an optional
#: scale word or suffix.
NUMBER = (r"(?P<num>(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|"
          + "|".join(sorted((re.escape(w) for w in WORD_NUMBERS if WORD_NUMBERS[w]), key=len,
                            reverse=True))
          + r")(?:\s+and\s+a\s+half)?)(?:\s?(?P<scale>thousand|million|billion|mn|bn|[kKmMbB])\b)?")


def to_number(num: str, scale: Optional[str] = None) -> Optional[float]:
    """Value of a matched number and optional scale; None when it cannot be read.

    >>> to_number("1,206")
    1206.0
    >>> to_number("1.94", "M")
    1940000.0
    >>> to_number("five and a half")
    5.5
    """
    half = AND_A_HALF.search(num)
    if half:
        whole = to_number(num[:half.start()])
        return None if whole is None else (whole + 0.5) * (SCALES.get(scale.lower(), 1) if scale else 1)
    key = num.lower()
    if key in WORD_NUMBERS:
        value = WORD_NUMBERS[key]
        if value is None:
            return None
    else:
        try:
            value = float(num.replace(",", ""))
        except ValueError:
            return None
    if scale:
        value *= SCALES.get(scale.lower(), 1)
    return float(value)


def clean(value: float) -> float | int:
    """An int when the value is whole, else the float (so 13.0 prints as 13)."""
    return int(value) if float(value).is_integer() else round(value, 2)
