"""Speed and recall of MatchIndex on seeded fictitious names at several index sizes.

For each size: index build time, memory (RSS growth of a fresh process), p50/p95 query latency,
batch throughput, and recall of the index's top 10 against a brute-force scan with compare_names
on a sample of queries (sizes up to 100k). Each size runs in its own subprocess.

    python bench/screening_speed.py [--sizes 10k,100k,1M] [--json]
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from seasia_names import generate_names, typo  # noqa: E402
from watchlist.matching import MatchConfig, MatchIndex, Query, Record, compare_names  # noqa: E402


def parse_size(text: str) -> int:
    """'10k' -> 10000, '1M' -> 1000000."""
    text = text.strip().lower()
    factor = {"k": 1_000, "m": 1_000_000}.get(text[-1], 1)
    return int(float(text.rstrip("km")) * factor)


def rss_mib() -> float:
    """Resident memory of this process in MiB."""
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * 4096 / 2**20


def make_queries(names: list[tuple[str, str]], count: int, seed: int) -> list[Query]:
    """Queries: variants of indexed names (typo, reordering, legal-form change) and unseen names."""
    rng = random.Random(seed)
    fresh = generate_names(count, seed=seed + 1)
    queries = []
    for i in range(count):
        kind, name = rng.choice(names)
        words = name.split()
        roll = i % 4
        if roll == 0:
            longest = max(range(len(words)), key=lambda j: len(words[j]))
            if len(words[longest]) >= 5:
                words[longest] = typo(rng, words[longest])
        elif roll == 1:
            words = words[::-1] if kind == "person" else words[:-1] if len(words) > 2 else words
        elif roll == 2:
            kind, name = fresh[i]
            words = name.split()
        queries.append(Query(" ".join(words), kind="any"))
    return queries


def brute_force(index: MatchIndex, index_records: list[Record], query: Query, limit: int) -> list[tuple[float, str]]:
    """Top ``limit`` (score, record id) by comparing the query with every record's names, with the index's
    own token weights and thresholds."""
    scored = []
    for record in index_records:
        best = max(compare_names(query.name, name, record.kind, stats=index.stats, config=index.config).score
                   for name in record.names)
        scored.append((best, record.id))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return scored[:limit]


def recall(index: MatchIndex, records: list[Record], queries: list[Query], floors: dict[str, float]) -> dict:
    """For each floor: share of brute force's top-10 with score >= floor that the index also returns
    (a brute-force hit tied with the index's 10th counts as found). One brute-force scan per query."""
    counts = {label: [0, 0] for label in floors}
    for query in queries:
        top = brute_force(index, records, query, 10)
        hits = index.query(query, limit=10)
        ids = {hit.record_id for hit in hits}
        tenth = hits[-1].score if len(hits) == 10 else None
        for label, floor in floors.items():
            for score, record_id in top:
                if score >= floor and score > 0:
                    counts[label][0] += 1
                    counts[label][1] += record_id in ids or (tenth is not None and score <= tenth)
    return {label: {"queries": len(queries), "relevant": wanted, "recall": round(found / wanted, 4) if wanted else None}
            for label, (wanted, found) in counts.items()}


def run_size(size: int, brute_queries: int, timed_queries: int) -> dict:
    """Measure one index size in this process."""
    config = MatchConfig()
    names = generate_names(size, seed=size)
    records = [Record(f"subject:{i}", kind, [name]) for i, (kind, name) in enumerate(names)]
    gc.collect()
    before = rss_mib()
    started = time.perf_counter()
    index = MatchIndex(config=config)
    index.add_many(records)
    index.refit_stats()  # learn token weights from the indexed names (part of the build)
    build = time.perf_counter() - started
    gc.collect()
    memory = rss_mib() - before
    gc.freeze()  # long-lived index objects: keep the cyclic GC from rescanning them (deployment tip)
    queries = make_queries(names, timed_queries, seed=size + 3)
    index.query(queries[0])  # warm caches
    latencies, cpu_latencies = [], []
    for query in queries:
        started, cpu_started = time.perf_counter(), time.process_time()
        index.query(query, limit=10)
        latencies.append(1000 * (time.perf_counter() - started))
        cpu_latencies.append(1000 * (time.process_time() - cpu_started))
    total = sum(latencies) / 1000
    started, cpu_started = time.perf_counter(), time.process_time()
    for query in queries:
        index.query(query, limit=10, min_score=config.review_threshold)
    screening_total = time.perf_counter() - started
    screening_cpu = time.process_time() - cpu_started
    result = {
        "size": size, "build_s": round(build, 1), "build_names_per_s": round(size / build),
        "memory_mib": round(memory, 1), "names_per_gib": round(size / (memory / 1024)) if memory > 0 else None,
        "queries": len(latencies), "p50_ms": round(statistics.median(latencies), 2),
        "p95_ms": round(statistics.quantiles(latencies, n=20)[-1], 2),
        "batch_names_per_s": round(len(latencies) / total),
        "batch_screening_names_per_s": round(len(queries) / screening_total),
        # CPU time of this process: less distorted than wall time when the machine is shared.
        "cpu_p50_ms": round(statistics.median(cpu_latencies), 2),
        "cpu_p95_ms": round(statistics.quantiles(cpu_latencies, n=20)[-1], 2),
        "cpu_batch_names_per_s": round(len(queries) / (sum(cpu_latencies) / 1000)),
        "cpu_batch_screening_names_per_s": round(len(queries) / screening_cpu),
        "load_average_1min": round(os.getloadavg()[0], 2),
    }
    if brute_queries:
        sample = make_queries(names, brute_queries, seed=size + 5)
        found = recall(index, records, sample, {"review_level": config.review_threshold, "any_score": 0.0})
        result["recall_vs_brute_force_review_level"] = found["review_level"]
        result["recall_vs_brute_force_any_score"] = found["any_score"]
    return result


def main(argv: list[str] | None = None) -> list[dict]:
    """Run each size in a subprocess (clean memory figures) and print a table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10k,100k,1M")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--single", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--brute", type=int, default=-1, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.single:
        print(json.dumps(run_size(args.single, max(args.brute, 0), 1000 if args.single < 1_000_000 else 500)))
        return []
    results = []
    for size in [parse_size(s) for s in args.sizes.split(",") if s.strip()]:
        brute = 100 if size <= 10_000 else 60 if size <= 100_000 else 0
        output = subprocess.run([sys.executable, __file__, "--single", str(size), "--brute", str(brute)],
                                check=True, capture_output=True, text=True).stdout
        results.append(json.loads(output.strip().splitlines()[-1]))
        r = results[-1]
        line = (f"{r['size']:>9,} names  build {r['build_s']:>6.1f} s  mem {r['memory_mib']:>7.1f} MiB "
                f"({r['names_per_gib'] or 0:,} names/GiB)  p50 {r['p50_ms']:.2f} ms  p95 {r['p95_ms']:.2f} ms  "
                f"batch {r['batch_names_per_s']:,}/s (screening at review level "
                f"{r['batch_screening_names_per_s']:,}/s)")
        if "cpu_p50_ms" in r:
            line += (f"  | CPU time: p50 {r['cpu_p50_ms']:.2f} ms  p95 {r['cpu_p95_ms']:.2f} ms  batch "
                     f"{r['cpu_batch_names_per_s']:,}/s, screening {r['cpu_batch_screening_names_per_s']:,}/s"
                     f"  (load avg {r['load_average_1min']})")
        if "recall_vs_brute_force_review_level" in r:
            line += (f"  recall@10 vs brute force: {r['recall_vs_brute_force_review_level']['recall']} "
                     f"(score>=review), {r['recall_vs_brute_force_any_score']['recall']} (any score)")
        print(line, flush=True)
    if args.json:
        print(json.dumps(results, indent=2))
    return results


if __name__ == "__main__":
    main()
