"""Normalised licence numbers, so "POEA-123-LB" and "poea 123 lb" find the same licence."""
import re

_NOT_ALNUM = re.compile(r"[^0-9A-Za-z]+")


def licence_key(licence_no: str) -> str:
    return _NOT_ALNUM.sub("", licence_no or "").upper()
