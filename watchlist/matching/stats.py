"""Token weights: how distinctive a word is. Generic words ("manpower", "services") and common
surnames ("Nguyen", "Santos") weigh little, so they cannot make two names match on their own."""
from __future__ import annotations

import math
from collections import Counter
from typing import Iterable

from .text import has_digit, tokens_of
from .vocabulary import common_tokens

MIN_WEIGHT = 0.1
# Numbers in names are mostly series or branch numbers ("Manpower 2"): weak evidence either way.
NUMBER_WEIGHT = 0.3
# Below this many names the learned frequencies are too noisy to override the built-in table.
MIN_NAMES_TO_LEARN = 500


class TokenStats:
    """Maps tokens to weights in [MIN_WEIGHT, 1]; rare tokens get 1, frequent ones less."""

    def __init__(self, document_frequency: dict[str, int] | None = None, total: int = 0):
        self.document_frequency = dict(document_frequency or {})
        self.total = total
        self._builtin = {t: w for t, (w, _) in common_tokens().items()}
        self._cache: dict[str, float] = {}

    def __getstate__(self) -> dict:
        """Pickled without the weight cache that queries fill (rebuilt on use)."""
        return {**self.__dict__, "_cache": {}}

    @classmethod
    def default(cls) -> "TokenStats":
        """Stats from the built-in table of generic words and common names only."""
        return cls()

    @classmethod
    def from_names(cls, names: Iterable[str]) -> "TokenStats":
        """Learn document frequencies from a corpus of names (each name counted once per token)."""
        frequency: Counter[str] = Counter()
        total = 0
        for name in names:
            total += 1
            frequency.update(set(tokens_of(name)))
        return cls(frequency, total)

    def weight(self, token: str) -> float:
        """The weight of ``token``: built-in table, learned inverse frequency, then length."""
        cached = self._cache.get(token)
        if cached is not None:
            return cached
        weight = self._builtin.get(token, NUMBER_WEIGHT if has_digit(token) else 1.0)
        if self.total >= MIN_NAMES_TO_LEARN and not has_digit(token):
            weight = min(weight, self._learned(token))
        if len(token) <= 2 and not has_digit(token):
            weight = min(weight, 0.6)
        weight = max(MIN_WEIGHT, weight)
        if len(self._cache) < 500_000:
            self._cache[token] = weight
        return weight

    def _learned(self, token: str) -> float:
        df = self.document_frequency.get(token, 0)
        rare_share = max(self.total * 0.002, 2.0)  # tokens in <= 0.2% of names weigh fully
        if df <= rare_share:
            return 1.0
        return max(MIN_WEIGHT, 1.0 - math.log(df / rare_share) / math.log(self.total / rare_share) * 0.9)
