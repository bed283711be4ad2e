"""Would a learned combiner beat the hand-balanced score? A small logistic regression (numpy only) over
features the engine already computes for a pair, trained on the development half of the hard set plus
nomenklatura's even rows, compared with the hand-balanced score on the frozen half, nomenklatura's odd
rows and OFAC (false matches among other entities' names, and aliases found as a match).

    python bench/learned_combiner.py [--ofac-sample 1500] [--write-weights PATH]

Prints both combiners' figures side by side; the engine keeps the hand-balanced score unless the
learned one wins everywhere (see README, "Matching quality").
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import sys
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from hard_names import DATA, read  # noqa: E402
from matching_quality import OFAC_KINDS, SCHEMA_KINDS, prf, read_ofac, shared_dir  # noqa: E402
from watchlist.matching import MatchConfig, MatchIndex, Query, Record, compare_names  # noqa: E402

FEATURES = ["hand_score", "matched_share", "query_unmatched", "matched_unmatched", "conflict", "min_similarity",
            "exact_share", "capped", "kind_conflict", "organisation", "typo_like", "initial"]


def features(a: str, b: str, kind: str, matched_kind: str | None = None) -> np.ndarray:
    """The pair's feature vector, read from the engine's own explanation of the comparison."""
    name = compare_names(a, b, kind, matched_kind=matched_kind).explanation["name"]
    matches = name["token_matches"]
    matched_w = sum(m["weight"] for m in matches)
    credited = sum(m["weight"] * m["similarity"] for m in matches)
    left = sum(u["weight"] for u in name["unmatched"]["query"])
    right = sum(u["weight"] for u in name["unmatched"]["matched"])
    exact = sum(m["weight"] for m in matches if m["how"] == "exact")
    capped = name.get("capped") or {}
    return np.array([
        name["score"] / 100.0,
        credited / (matched_w + left + right) if matched_w else 0.0,
        left, right, float(left > 0 and right > 0),
        min((m["similarity"] for m in matches), default=0.0),
        exact / matched_w if matched_w else 0.0,
        float(bool(capped)), float(capped.get("reason", "").endswith("'s")),
        float(name.get("kind") == "organisation"),
        float(any(m["how"] in ("spelling variant", "sounds alike") for m in matches)),
        float(any(m["how"] == "initial" for m in matches)),
    ])


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1e-2, steps: int = 4000, rate: float = 0.5) -> np.ndarray:
    """Logistic-regression weights (last one the bias) by gradient descent on standardised features."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-xb @ w))
        grad = xb.T @ (p - y) / len(y) + l2 * np.r_[w[:-1], 0.0]
        w -= rate * grad
    return w


def predict(w: np.ndarray, x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-(np.hstack([x, np.ones((len(x), 1))]) @ w)))


def nomenklatura_rows() -> list[dict]:
    with open(shared_dir() / "nomenklatura_name_bench_cases.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def table(pairs) -> tuple[np.ndarray, np.ndarray]:
    """(features, labels) of (a, b, kind, matched_kind, label) tuples."""
    return np.array([features(a, b, k, mk) for a, b, k, mk, _ in pairs]), np.array([float(y) for *_, y in pairs])


def ofac_pairs(sample: int, seed: int = 11) -> tuple[list, list]:
    """(alias pairs, negative pairs) as the index puts them: an alias with the entity the index ranks first
    (labelled True only when that is its own entity), and a name against its best other entity."""
    sdn = {row[0]: (row[1], OFAC_KINDS.get(row[2].lower(), "organisation")) for row in read_ofac(
        "ofac_sdn_2021_watchman.csv") if len(row) > 2 and row[1]}
    aliases = [(row[0], row[3]) for row in read_ofac("ofac_alt_2021_watchman.csv")
               if len(row) > 3 and row[3] and row[0] in sdn]
    index = MatchIndex()
    index.add_many(Record(f"sdn:{num}", kind, [name]) for num, (name, kind) in sdn.items())
    rng = random.Random(seed)
    chosen = rng.sample(aliases, sample)
    found = []
    for num, alias in chosen:
        hits = index.query(Query(alias, kind=sdn[num][1]), limit=1)
        if hits:
            found.append((alias, hits[0].matched_name, sdn[num][1], None, hits[0].record_id == f"sdn:{num}"))
        else:
            found.append(None)
    names = list(sdn.items())
    negatives = []
    for num, (name, kind) in rng.sample(names, min(len(names), max(200, sample // 2))):
        index.remove(f"sdn:{num}")
        hits = index.query(Query(name, kind=kind), limit=1)
        negatives.append((name, hits[0].matched_name, kind, None, False) if hits else None)
        index.add(Record(f"sdn:{num}", kind, [name]))
    return found, negatives


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ofac-sample", type=int, default=1500)
    parser.add_argument("--write-weights", help="write the learned weights as JSON to this path")
    args = parser.parse_args(argv)
    threshold = MatchConfig().match_threshold / 100.0
    rows = nomenklatura_rows()
    nk = [(r["name1"], r["name2"], SCHEMA_KINDS.get(r["schema"], "any"), None, r["is_match"] == "true")
          for r in rows]
    dev = [(p.name1, p.name2, p.kind1, p.kind2, p.is_match) for p in read(DATA / "hard_names_dev.csv")]
    test = [(p.name1, p.name2, p.kind1, p.kind2, p.is_match) for p in read(DATA / "hard_names_test.csv")]
    x_train, y_train = table(dev + nk[0::2])
    mean, std = x_train.mean(axis=0), x_train.std(axis=0) + 1e-9
    w = fit((x_train - mean) / std, y_train)
    # The learned probability's one threshold is the one with the best F1 on the training pairs.
    train_p = predict(w, (x_train - mean) / std)
    cut = max((t / 100 for t in range(20, 96)),
              key=lambda t: prf(list(train_p), list(y_train.astype(bool)), t)["f1"])
    results = {"weights": dict(zip(FEATURES + ["bias"], np.round(w, 3).tolist())), "learned_threshold": cut}
    print(f"learned threshold (best F1 on the training pairs): {cut:.2f}")
    for label, pairs in (("hard test half", test), ("nomenklatura odd rows", nk[1::2]),
                         ("nomenklatura all", nk)):
        x, y = table(pairs)
        hand = prf(list(x[:, 0]), list(y.astype(bool)), threshold)
        learned = prf(list(predict(w, (x - mean) / std)), list(y.astype(bool)), cut)
        results[label] = {"hand": hand, "learned": learned}
        print(f"{label:<24} hand F1 {hand['f1']:.3f} (P {hand['precision']:.3f} R {hand['recall']:.3f})"
              f"   learned F1 {learned['f1']:.3f} (P {learned['precision']:.3f} R {learned['recall']:.3f})")
    if args.ofac_sample:
        aliases, negatives = ofac_pairs(args.ofac_sample)
        for label, pairs, good in (("OFAC alias found as a match", aliases, True),
                                   ("OFAC false-match rate", negatives, False)):
            kept = [p for p in pairs if p]
            x = np.array([features(a, b, k, mk) for a, b, k, mk, _ in kept])
            own = np.array([y for *_, y in kept], dtype=bool)
            hand_hit, learned_hit = x[:, 0] >= threshold, predict(w, (x - mean) / std) >= cut
            if good:
                hand_rate, learned_rate = (hand_hit & own).sum() / len(pairs), (learned_hit & own).sum() / len(pairs)
            else:
                hand_rate, learned_rate = hand_hit.sum() / len(pairs), learned_hit.sum() / len(pairs)
            results[label] = {"hand": round(float(hand_rate), 3), "learned": round(float(learned_rate), 3)}
            print(f"{label:<28} hand {hand_rate:.3f}   learned {learned_rate:.3f}   ({len(pairs)} queries)")
    print("weights (standardised features):", json.dumps(results["weights"]))
    if args.write_weights:
        Path(args.write_weights).write_text(json.dumps({"features": FEATURES, "mean": mean.tolist(),
                                                        "std": std.tolist(), "weights": w.tolist()}, indent=1))
    return results


if __name__ == "__main__":
    main()
