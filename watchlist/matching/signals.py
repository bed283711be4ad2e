"""Exact indexes on normalised identifiers and a word index on addresses, giving the non-name
links between a query and a record (same phone, same registration number, similar address)."""
from __future__ import annotations

from collections import defaultdict

from .identifiers import address_similarity, identifier_key, normalise_identifier

IDENTIFIER_FIELDS = {"registration_no": "registration_no", "phones": "phone", "emails": "email",
                     "websites": "website"}


def identifier_values(item, field: str) -> list[str]:
    """The raw values of one identifier field of a Record or Query, as a list."""
    value = getattr(item, field, None)
    if not value:
        return []
    return [value] if isinstance(value, str) else list(value)


class IdentifierIndex:
    """Maps (identifier kind, comparison key) to record slots."""

    def __init__(self) -> None:
        self.slots: dict[tuple[str, str], list[int]] = defaultdict(list)

    def add(self, slot: int, record) -> None:
        for field, kind in IDENTIFIER_FIELDS.items():
            for value in identifier_values(record, field):
                key = identifier_key(kind, value)
                if key:
                    self.slots[(kind, key)].append(slot)

    def lookup(self, query) -> dict[int, dict[str, list[str]]]:
        """Record slots sharing an identifier with ``query``: slot -> {field: [normalised values]}."""
        found: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
        for field, kind in IDENTIFIER_FIELDS.items():
            for value in identifier_values(query, field):
                key = identifier_key(kind, value)
                for slot in self.slots.get((kind, key), ()) if key else ():
                    shown = normalise_identifier(kind, value)
                    if shown not in found[slot][field]:
                        found[slot][field].append(shown)
        return found


class AddressIndex:
    """Normalised addresses by their words; candidates share the query's rarest words."""

    def __init__(self) -> None:
        self.addresses: dict[int, list[str]] = defaultdict(list)
        self.words: dict[str, list[int]] = defaultdict(list)

    def add(self, slot: int, addresses) -> None:
        for raw in addresses or ():
            address = normalise_identifier("address", raw)
            if not address:
                continue
            self.addresses[slot].append(address)
            for word in set(address.split()):
                self.words[word].append(slot)

    def lookup(self, addresses, min_similarity: float, live) -> dict[int, list[dict]]:
        """Slots with an address at least ``min_similarity`` similar: slot -> [{query, matched, score}]."""
        found: dict[int, list[dict]] = defaultdict(list)
        for raw in addresses or ():
            address = normalise_identifier("address", raw)
            if not address:
                continue
            words = sorted(set(address.split()), key=lambda w: len(self.words.get(w, ())))
            pool: set[int] = set()
            for word in words[:2]:
                posting = self.words.get(word, ())
                if len(posting) <= 20000:
                    pool.update(posting)
            for slot in pool:
                if not live(slot):
                    continue
                for candidate in self.addresses.get(slot, ()):
                    score = address_similarity(address, candidate)
                    if score >= min_similarity:
                        found[slot].append({"query": raw, "matched": candidate, "score": round(score, 1)})
                        break
        return found
