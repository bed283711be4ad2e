"""Combines the name score with non-name signals into one score and writes the explanation a
regulator reads: a plain-English summary, per-signal contributions and what the two share."""
from __future__ import annotations

from .config import MatchConfig

_FIELD_SIGNALS = {"registration_no": ("registration_no", "the same registration number"),
                  "phones": ("phone", "the same phone number"),
                  "emails": ("email", "the same e-mail address"),
                  "websites": ("website", "the same website")}


def build_signals(name_score: float, shared: dict, config: MatchConfig) -> list[dict]:
    """One entry per signal with its own score; contributions are filled in by ``combine``."""
    signals = [{"signal": "name", "score": name_score, "contribution": 0.0,
                "detail": f"name similarity {name_score:.1f}/100"}]
    for field, (signal, words) in _FIELD_SIGNALS.items():
        for value in shared.get(field, ()):
            signals.append({"signal": signal, "score": config.identifier_score, "contribution": 0.0,
                            "detail": f"{words}: {value}"})
    for link in shared.get("officers", ()):
        signals.append({"signal": "officer", "score": config.officer_link_score, "contribution": 0.0,
                        "detail": f"officer '{link['query']}' of the queried party was an officer here "
                                  f"as '{link['matched']}' (score {link['score']:.1f})"})
    for link in shared.get("addresses", ()):
        signals.append({"signal": "address", "score": config.address_link_score, "contribution": 0.0,
                        "detail": f"similar address '{link['query']}' / '{link['matched']}' "
                                  f"(score {link['score']:.1f})"})
    return signals


def combine(signals: list[dict], config: MatchConfig) -> float:
    """Strongest signal wins; each further independent non-name signal adds a small bonus."""
    ordered = sorted(signals, key=lambda s: -s["score"])
    total = 0.0
    for position, signal in enumerate(ordered):
        if position == 0:
            contribution = signal["score"]
        elif signal["signal"] != "name" and signal["score"] >= config.review_threshold:
            contribution = config.corroboration_bonus
        else:
            contribution = 0.0
        contribution = min(contribution, 100.0 - total)
        signal["contribution"] = round(contribution, 1)
        total += contribution
    return round(min(100.0, total), 1)


def _name_details(name: dict) -> str:
    """" (same words: ...; different words: ...; set aside: ...)" from a name explanation."""
    details = []
    pairs = name.get("token_matches") or []
    if pairs:
        details.append("same words: " + ", ".join(
            p["matched"] if p["how"] == "exact" else f"{p['query']} ~ {p['matched']} ({p['how']})" for p in pairs))
    unmatched = name.get("unmatched") or {}
    different = [u["token"] for u in unmatched.get("query", []) + unmatched.get("matched", [])]
    if different:
        details.append("different words: " + ", ".join(different))
    aside = sorted({item["text"] for item in name.get("set_aside", [])})
    if aside:
        details.append("set aside: " + ", ".join(aside))
    if name.get("capped"):
        details.append(f"held at {name['capped']['at']:.0f} because {name['capped']['reason']}")
    return f" ({'; '.join(details)})" if details else ""


def summary(score: float, match: bool, review: bool, name: dict, signals: list[dict], kind: str) -> str:
    """One or two plain sentences stating the decision and the evidence behind it."""
    subject = {"organisation": "organisation", "person": "person"}.get(kind, "party")
    if match:
        opening = f"Likely the same {subject} (score {score:.1f}/100)"
    elif review:
        opening = f"Possibly the same {subject}; needs review (score {score:.1f}/100)"
    else:
        opening = f"Probably not the same {subject} (score {score:.1f}/100)"
    parts = [f"name '{name.get('query', '')}' compared with '{name.get('matched', '')}' "
             f"scores {name.get('score', 0.0):.1f}" + _name_details(name)]
    parts += [s["detail"] for s in signals if s["signal"] != "name"]
    return opening + ": " + "; ".join(parts) + "."
