"""Same-script comparison: when both names are written in one non-Latin script, their native
characters are compared as well, because transliteration can merge distinct characters
(高石 and 高市 both read "gao shi")."""
from __future__ import annotations

import re
import unicodedata

from .limits import MAX_NAME_TOKENS, MAX_TOKEN_LENGTH
from .text import fold
from .vocabulary import legal_forms

_SYLLABLE_SCRIPTS = {"CJK", "HANGUL", "HIRAGANA", "KATAKANA"}
_WORD = re.compile(r"\w+")


def dominant_script(text: str) -> str | None:
    """Unicode script word ("CYRILLIC", "CJK", ...) of the first letter, or None for Latin/empty."""
    for ch in text:
        if ch.isalpha():
            if ch.isascii():
                return None
            name = unicodedata.name(ch, "")
            script = name.split(" ")[0] if name else None
            return None if script == "LATIN" else script
    return None


def native_tokens(text: str) -> tuple[str, ...]:
    """Tokens in the original script, legal forms removed; syllabic scripts split per character."""
    folded = legal_forms().strip_native(fold(text), [])
    tokens: list[str] = []
    for word in _WORD.findall(folded):
        if dominant_script(word) in _SYLLABLE_SCRIPTS:
            tokens.extend(word)
        else:
            tokens.append(word)
        if len(tokens) >= MAX_NAME_TOKENS:
            break
    return tuple(t[:MAX_TOKEN_LENGTH] for t in tokens[:MAX_NAME_TOKENS])


def same_native_script(a: str, b: str) -> bool:
    """True when both names start in the same non-Latin script."""
    script = dominant_script(a)
    return script is not None and script == dominant_script(b)
