"""Precision, recall and F1 of ``compare_names`` on the harder generated set (``bench/hard_names.py``),
by failure class of issue 15, at the one default match threshold.

    python bench/hard_quality.py [--half dev|test|both] [--errors N] [--json]

Tune on the development half only; the test half is frozen and reported as it comes out.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from hard_names import DATA, HardPair, read  # noqa: E402
from matching_quality import prf  # noqa: E402
from watchlist.matching import MatchConfig, compare_names  # noqa: E402

CLASS_NAMES = {"a": "(a) person vs organisation", "b": "(b) romanised syllables", "c": "(c) other given name",
               "d": "(d) organisation extra words", "e": "(e) Arabic article, bin/bint",
               "f": "(f) Filipino particles", "g": "(g) agency abbreviations", "h": "(h) initials",
               "x": "(x) mixed controls"}


def score_pairs(pairs: list[HardPair], config: MatchConfig) -> list[float]:
    """The engine's score for each pair, each name read as its own kind."""
    return [compare_names(p.name1, p.name2, p.kind1, config=config, matched_kind=p.kind2).score for p in pairs]


def evaluate(pairs: list[HardPair], scores: list[float], threshold: float) -> dict:
    """Overall and per-class figures (per class: P/R/F1 and the share decided correctly)."""
    labels = [p.is_match for p in pairs]
    result = {"all": prf(scores, labels, threshold), "classes": {}}
    for letter in CLASS_NAMES:
        idx = [i for i, p in enumerate(pairs) if p.category.startswith(letter + "_")]
        if idx:
            figures = prf([scores[i] for i in idx], [labels[i] for i in idx], threshold)
            figures["correct"] = round(sum((scores[i] >= threshold) == labels[i] for i in idx) / len(idx), 3)
            result["classes"][letter] = figures
    return result


def print_half(name: str, result: dict) -> None:
    a = result["all"]
    print(f"== {name}: P {a['precision']:.3f}  R {a['recall']:.3f}  F1 {a['f1']:.3f}  n={a['n']} ==")
    for letter, f in result["classes"].items():
        print(f"  {CLASS_NAMES[letter]:<32} P {f['precision']:.3f}  R {f['recall']:.3f}  F1 {f['f1']:.3f}"
              f"  correct {f['correct']:.3f}  n={f['n']}")


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--half", choices=("dev", "test", "both"), default="both")
    parser.add_argument("--errors", type=int, default=0, help="print up to N wrong pairs (development half only)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    config = MatchConfig()
    results = {}
    for half in (("dev", "test") if args.half == "both" else (args.half,)):
        pairs = read(DATA / f"hard_names_{half}.csv")
        scores = score_pairs(pairs, config)
        results[half] = evaluate(pairs, scores, config.match_threshold)
        print_half("development half" if half == "dev" else "frozen test half", results[half])
        if args.errors and half == "dev":
            wrong = [(p, s) for p, s in zip(pairs, scores) if (s >= config.match_threshold) != p.is_match]
            for p, s in wrong[: args.errors]:
                print(f"  {'FN' if p.is_match else 'FP'} {s:5.1f} {p.category} | {p.name1} ({p.kind1}) | "
                      f"{p.name2} ({p.kind2})")
    if args.json:
        print(json.dumps(results, indent=2))
    return results


if __name__ == "__main__":
    main()
