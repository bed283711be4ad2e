"""Measures the quality of watchlist.matching on external and generated name sets.

Prints precision/recall/F1 of ``compare_names`` at the one default threshold on the nomenklatura
name-bench pairs (overall, per schema, even/odd halves), OFAC SDN alias retrieval through
``MatchIndex`` and its false-match rate, and the generated South-East Asian set, each beside a
naive baseline (rapidfuzz WRatio on case-folded strings at its best swept threshold).

    python bench/matching_quality.py [--json] [--ofac-sample N]
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import os
import random
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from rapidfuzz import fuzz, process  # noqa: E402

from seasia_names import generate_pairs  # noqa: E402
from watchlist.matching import MatchConfig, MatchIndex, Query, Record, compare_names  # noqa: E402

SCHEMA_KINDS = {"Person": "person", "Company": "organisation", "Organization": "organisation",
                "LegalEntity": "organisation", "Vessel": "any"}
BRUTE_FORCE_QUERIES = 400  # aliases also answered by a full scan, to measure the index's recall
OFAC_KINDS = {"individual": "person", "vessel": "any", "aircraft": "any"}


def shared_dir() -> Path:
    """Folder of the external benchmark files (``SHARED_DIR`` overrides the default)."""
    if os.environ.get("SHARED_DIR"):
        return Path(os.environ["SHARED_DIR"]) / "benchmarks" / "external"
    return Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "external"


def prf(scores: list[float], labels: list[bool], threshold: float) -> dict:
    """Precision, recall and F1 of ``score >= threshold`` against the labels."""
    tp = sum(1 for s, y in zip(scores, labels) if s >= threshold and y)
    fp = sum(1 for s, y in zip(scores, labels) if s >= threshold and not y)
    fn = sum(1 for s, y in zip(scores, labels) if s < threshold and y)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3), "n": len(labels)}


def accuracy(scores: list[float], labels: list[bool], threshold: float) -> float:
    """Share of pairs decided correctly (meaningful for groups holding only negatives)."""
    return round(sum((s >= threshold) == y for s, y in zip(scores, labels)) / len(labels), 3)


def baseline_score(a: str, b: str) -> float:
    """The naive baseline: WRatio on case-folded raw strings."""
    return fuzz.WRatio(a.casefold(), b.casefold())


def best_threshold(scores: list[float], labels: list[bool]) -> tuple[float, dict]:
    """Sweep thresholds 50..100 and keep the one with the best F1 (favours the baseline)."""
    return max(((t, prf(scores, labels, t)) for t in range(50, 101)), key=lambda item: item[1]["f1"])


def evaluate_pairs(pairs: list[tuple[str, str, str, bool, str]], config: MatchConfig) -> dict:
    """Engine at the default threshold and baseline at its best threshold, overall and per group."""
    engine = [compare_names(a, b, kind, config=config).score for a, b, kind, _, _ in pairs]
    naive = [baseline_score(a, b) for a, b, _, _, _ in pairs]
    labels = [y for *_, y, _ in pairs]
    threshold, baseline = best_threshold(naive, labels)
    result = {"engine": prf(engine, labels, config.match_threshold),
              "baseline": dict(baseline, threshold=threshold), "groups": {}}
    for group in sorted({g for *_, g in pairs}):
        idx = [i for i, p in enumerate(pairs) if p[4] == group]
        result["groups"][group] = {
            "engine": prf([engine[i] for i in idx], [labels[i] for i in idx], config.match_threshold),
            "baseline": prf([naive[i] for i in idx], [labels[i] for i in idx], threshold),
            "engine_accuracy": accuracy([engine[i] for i in idx], [labels[i] for i in idx],
                                        config.match_threshold),
            "baseline_accuracy": accuracy([naive[i] for i in idx], [labels[i] for i in idx], threshold)}
    return result


def nomenklatura(config: MatchConfig) -> dict:
    """The nomenklatura name-bench pairs: overall, per schema, and on even/odd rows."""
    with open(shared_dir() / "nomenklatura_name_bench_cases.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    pairs = [(r["name1"], r["name2"], SCHEMA_KINDS.get(r["schema"], "any"), r["is_match"] == "true",
              SCHEMA_KINDS.get(r["schema"], "any")) for r in rows]
    result = evaluate_pairs(pairs, config)
    for half, parity in (("even_rows", 0), ("odd_rows", 1)):
        result[half] = evaluate_pairs([p for i, p in enumerate(pairs) if i % 2 == parity], config)["engine"]
    return result


def read_ofac(name: str) -> list[list[str]]:
    """Rows of an OFAC legacy CSV (Latin-1, no header, ``-0-`` for empty, trailing 0x1A)."""
    text = (shared_dir() / name).read_bytes().decode("latin-1").replace("\x1a", "")
    rows = []
    for row in csv.reader(io.StringIO(text)):
        if row:
            rows.append(["" if cell.strip() == "-0-" else cell.strip() for cell in row])
    return rows


def ofac(config: MatchConfig, sample: int, base_threshold: float, seed: int = 11) -> dict:
    """Alias retrieval (own entity first and a match) and false-match rate on other entities."""
    sdn = {row[0]: (row[1], OFAC_KINDS.get(row[2].lower(), "organisation")) for row in read_ofac(
        "ofac_sdn_2021_watchman.csv") if len(row) > 2 and row[1]}
    aliases = [(row[0], row[3]) for row in read_ofac("ofac_alt_2021_watchman.csv")
               if len(row) > 3 and row[3] and row[0] in sdn]
    index = MatchIndex(config=config)
    started = time.perf_counter()
    index.add_many(Record(f"sdn:{num}", kind, [name]) for num, (name, kind) in sdn.items())
    build = time.perf_counter() - started
    rng = random.Random(seed)
    chosen = aliases if sample <= 0 or sample >= len(aliases) else rng.sample(aliases, sample)
    found = 0
    started = time.perf_counter()
    for num, alias in chosen:
        hits = index.query(Query(alias, kind=sdn[num][1]), limit=1)
        found += bool(hits and hits[0].record_id == f"sdn:{num}" and hits[0].match)
    query_time = time.perf_counter() - started
    names = list(sdn.items())
    negatives = rng.sample(names, min(len(names), max(200, sample // 2 if sample > 0 else 1000)))
    false_matches = 0
    for num, (name, kind) in negatives:
        index.remove(f"sdn:{num}")
        hits = index.query(Query(name, kind=kind), limit=1)
        false_matches += bool(hits and hits[0].match)
        index.add(Record(f"sdn:{num}", kind, [name]))
    recall = index_recall(index, sdn, chosen[:BRUTE_FORCE_QUERIES], config.review_threshold)
    # Baseline: best WRatio over all primary names (brute force), on a smaller sample.
    base_sample = chosen[: min(len(chosen), 600)]
    choices = {f"sdn:{num}": name.casefold() for num, (name, _) in sdn.items()}
    keys, values = list(choices), list(choices.values())
    base_found = 0
    for num, alias in base_sample:
        best = process.extractOne(alias.casefold(), values, scorer=fuzz.WRatio)
        base_found += bool(best and keys[best[2]] == f"sdn:{num}" and best[1] >= base_threshold)
    base_false = 0
    for num, (name, _) in negatives[:300]:
        best = process.extractOne(name.casefold(), values, scorer=fuzz.WRatio,
                                  score_cutoff=base_threshold, processor=None)
        others = [m for m in process.extract(name.casefold(), values, scorer=fuzz.WRatio, limit=2)
                  if keys[m[2]] != f"sdn:{num}"]
        base_false += bool(best and others and others[0][1] >= base_threshold)
    return {
        "entities": len(sdn), "aliases_queried": len(chosen),
        "alias_top1_match_rate": round(found / len(chosen), 3),
        "false_match_rate_other_entities": round(false_matches / len(negatives), 3),
        "negatives_queried": len(negatives),
        "index_build_s": round(build, 2), "ms_per_query": round(1000 * query_time / len(chosen), 2),
        "index_recall_vs_brute_force": recall,
        "baseline": {"threshold": base_threshold, "aliases_queried": len(base_sample),
                     "alias_top1_match_rate": round(base_found / len(base_sample), 3),
                     "false_match_rate_other_entities": round(base_false / min(300, len(negatives)), 3)},
    }


def index_recall(index: MatchIndex, sdn: dict, aliases: list[tuple[str, str]], floor: float) -> dict:
    """Share of a brute-force scan's top 10 (every primary name, score >= floor) that the index returns too."""
    wanted = found = 0
    for _num, alias in aliases:
        scored = sorted(((compare_names(alias, name, kind, stats=index.stats, config=index.config).score, f"sdn:{n}")
                         for n, (name, kind) in sdn.items()), key=lambda item: (-item[0], item[1]))[:10]
        hits = index.query(Query(alias, kind="any"), limit=10)
        ids, tenth = {h.record_id for h in hits}, hits[-1].score if len(hits) == 10 else None
        for score, record_id in scored:
            if score >= floor:
                wanted += 1
                found += record_id in ids or (tenth is not None and score <= tenth)
    return {"aliases": len(aliases), "relevant": wanted, "recall": round(found / wanted, 4) if wanted else None}


def seasia(config: MatchConfig, count: int) -> dict:
    """The generated South-East Asian pairs (``bench/seasia_names.py``)."""
    pairs = [(p.name1, p.name2, "any", p.is_match, p.category) for p in generate_pairs(count)]
    return evaluate_pairs(pairs, config)


def print_table(results: dict) -> None:
    """A compact human-readable table of the figures."""
    def row(label: str, engine: dict, base: dict | None = None) -> None:
        text = f"{label:<34} P {engine['precision']:.3f}  R {engine['recall']:.3f}  F1 {engine['f1']:.3f}"
        if base:
            ratio = engine["f1"] / base["f1"] if base["f1"] else float("inf")
            text += f"   | baseline F1 {base['f1']:.3f} (t={base.get('threshold', '-')})  x{ratio:.2f}"
        print(text + f"  n={engine['n']}")

    nk = results["nomenklatura"]
    print(f"== nomenklatura name bench (threshold {results['match_threshold']}) ==")
    row("all", nk["engine"], nk["baseline"])
    for group, figures in nk["groups"].items():
        row(f"  {group}", figures["engine"], dict(figures["baseline"], threshold=nk["baseline"]["threshold"]))
    row("  even rows (development half)", nk["even_rows"])
    row("  odd rows (held-out half)", nk["odd_rows"])
    if "ofac" in results:
        of = results["ofac"]
        print("== OFAC SDN 2021: index primary names, query aliases ==")
        print(f"alias -> own entity first and a match: {of['alias_top1_match_rate']:.3f} "
              f"({of['aliases_queried']} aliases; baseline {of['baseline']['alias_top1_match_rate']:.3f} "
              f"at WRatio>={of['baseline']['threshold']:.0f} on {of['baseline']['aliases_queried']})")
        print(f"false-match rate, names of other entities: {of['false_match_rate_other_entities']:.3f} "
              f"({of['negatives_queried']} queried; baseline {of['baseline']['false_match_rate_other_entities']:.3f})")
        print(f"index build {of['index_build_s']} s for {of['entities']} entities, {of['ms_per_query']} ms/query")
        rc = of["index_recall_vs_brute_force"]
        print(f"index recall@10 vs a brute-force scan (score >= review): {rc['recall']} "
              f"({rc['relevant']} names for {rc['aliases']} aliases)")
    sea = results["seasia"]
    print("== generated South-East Asian set ==")
    row("all", sea["engine"], sea["baseline"])
    for group, figures in sea["groups"].items():
        print(f"  {group:<32} correct {figures['engine_accuracy']:.3f}   | baseline {figures['baseline_accuracy']:.3f}")


def main(argv: list[str] | None = None) -> dict:
    """Run the benchmarks and print (and optionally emit as JSON) the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="also print the figures as JSON")
    parser.add_argument("--ofac-sample", type=int, default=3000, help="aliases to query (0 = all)")
    parser.add_argument("--seasia-count", type=int, default=2000)
    parser.add_argument("--skip-ofac", action="store_true")
    args = parser.parse_args(argv)
    config = MatchConfig()
    results = {"match_threshold": config.match_threshold, "review_threshold": config.review_threshold,
               "nomenklatura": nomenklatura(config)}
    if not args.skip_ofac:
        results["ofac"] = ofac(config, args.ofac_sample, results["nomenklatura"]["baseline"]["threshold"])
    results["seasia"] = seasia(config, args.seasia_count)
    print_table(results)
    if args.json:
        print(json.dumps(results, indent=2))
    return results


if __name__ == "__main__":
    main()
