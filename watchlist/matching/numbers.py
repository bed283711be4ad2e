"""Rewrites English number words, ordinals and Roman numerals as digits ("Forty-Four" -> "44", "1st" -> "1"),
so that spelled-out and numeric forms of the same organisation name align."""
from __future__ import annotations

import re

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
          "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
          "nineteen"]
_ORDINAL_UNITS = ["zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                  "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth",
                  "sixteenth", "seventeenth", "eighteenth", "nineteenth"]
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
         "seventy": 70, "eighty": 80, "ninety": 90}
UNIT_VALUES = {w: i for i, w in enumerate(_UNITS)} | {w: i for i, w in enumerate(_ORDINAL_UNITS)}
_NUMERIC_ORDINAL = re.compile(r"^(\d+)(st|nd|rd|th)$")
_ROMAN = {"ii": 2, "iii": 3, "iv": 4, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "xi": 11, "xii": 12,
          "xiii": 13, "xiv": 14, "xv": 15, "xvi": 16, "xvii": 17, "xviii": 18, "xix": 19, "xx": 20}


_LOOKALIKE = {"0": "o", "1": "i", "2": "z", "3": "e", "4": "a", "5": "s", "6": "g", "7": "t", "8": "b", "9": "g"}
_INTERIOR_DIGIT = re.compile(r"(?<=[a-z])[0-9](?=[a-z])")


def letters_for_lookalike_digits(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """Undo digit-for-letter disguises inside words ("sech1n" -> "sechin", "ig0r" -> "igor")."""
    return tuple(_INTERIOR_DIGIT.sub(lambda m: _LOOKALIKE[m.group()], token) if not token.isalpha()
                 else token for token in tokens)


def digits_for_number_words(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """Replace number words (and "21st"-style ordinals) in ``tokens`` by digit strings."""
    out: list[str] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        ordinal = _NUMERIC_ORDINAL.match(token)
        if ordinal:
            out.append(ordinal.group(1))
        elif token in _TENS:
            value = _TENS[token]
            following = tokens[index + 1] if index + 1 < len(tokens) else ""
            if 0 < UNIT_VALUES.get(following, 0) < 10:
                value += UNIT_VALUES[following]
                index += 1
            elif len(following) == 1 and following in "123456789":  # "Forty 4" -> 44
                value += int(following)
                index += 1
            out.append(str(value))
        elif token in UNIT_VALUES and token not in ("second",):
            out.append(str(UNIT_VALUES[token]))
        elif token in _ROMAN or (token in ("v", "x") and index == len(tokens) - 1 and index > 0):
            out.append(str(_ROMAN.get(token) or {"v": 5, "x": 10}[token]))
        else:
            out.append(token)
        index += 1
    return tuple(out)
