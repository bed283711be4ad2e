"""Normalises the non-name identifiers of a record (registration number, phone, e-mail, website,
address) so that exact comparison finds the same agency behind different names."""
from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz

from .resources import load_table
from .text import clean

PHONE_DIGITS_COMPARED = 9
_NON_ALNUM = re.compile(r"[^0-9A-Za-z]")
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")


@lru_cache(maxsize=1)
def _address_terms() -> dict[str, str]:
    return {row["variant"]: row["canonical"] for row in load_table("address_terms.csv")}


def normalise_identifier(kind: str, value: str) -> str | None:
    """Canonical form of an identifier, or None when nothing usable is left.

    Phones become digits only; compare them with :func:`identifier_key`, which keeps the last
    nine digits so "+63 917 123 4567" and "09171234567" agree.
    """
    if value is None:
        return None
    value = str(value).strip()
    if kind == "registration_no":
        result = _NON_ALNUM.sub("", clean(value)).upper()
    elif kind == "phone":
        result = "".join(ch for ch in value if ch.isdigit())
        result = result if len(result) >= 6 else ""
    elif kind == "email":
        result = value.lower()
        if result.startswith("mailto:"):
            result = result[7:]
        result = result if "@" in result.strip("@") else ""
    elif kind == "website":
        result = _SCHEME.sub("", value.lower()).split("/")[0].split("?")[0].split("#")[0]
        result = result.split("@")[-1].split(":")[0].strip(".")
        if result.startswith("www."):
            result = result[4:]
        result = result if "." in result else ""
    elif kind == "address":
        terms = _address_terms()
        result = " ".join(terms.get(token, token) for token in clean(value).split())
    else:
        raise ValueError(f"unknown identifier kind: {kind!r}")
    return result or None


def identifier_key(kind: str, value: str) -> str | None:
    """The value compared for equality: normalised, and for phones only the last nine digits."""
    normalised = normalise_identifier(kind, value)
    if normalised and kind == "phone":
        return normalised[-PHONE_DIGITS_COMPARED:]
    return normalised


def address_similarity(a: str, b: str) -> float:
    """0-100 similarity of two normalised addresses (word-set based, order-free).

    House, unit and lot numbers must agree: "80 Jalan Cempaka" and "248 Jalan Cempaka" are different places.
    """
    if not a or not b or min(len(a.split()), len(b.split())) < 3:
        return 100.0 if a and a == b else 0.0
    numbers_a = {w for w in a.split() if any(ch.isdigit() for ch in w)}
    numbers_b = {w for w in b.split() if any(ch.isdigit() for ch in w)}
    if numbers_a and numbers_b and numbers_a != numbers_b:
        return 0.0
    return fuzz.token_set_ratio(a, b)
