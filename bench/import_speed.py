"""Time the three bulk imports through the real CLI (`flask --app wsgi ...`) on SQLite and PostgreSQL.

Usage: .venv/bin/python bench/import_speed.py [--rows 100000] [--databases sqlite,postgresql]
       [--pg-url postgresql+psycopg://postgres@127.0.0.1:5432] [--no-screen]
For each database (a fresh SQLite file; PostgreSQL database `import_bench`, dropped first) it runs
`registry import-agencies`, `watchlist import-subjects`, then `watchlist import-cases` (cases naming the imported
subjects, so their respondents are screened against a watchlist of that size), each twice: the first import and
an idempotent re-import of the same file. Prints a markdown table of seconds and rows/s. Target: <= 60 s per 100k.
"""
import argparse
import os
import resource
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
from fictitious_files import write_cases, write_subjects  # noqa: E402

FLASK = [str(Path(sys.executable).with_name("flask")), "--app", "wsgi"]


def fresh_postgres(base: str, name: str) -> str:
    import psycopg

    with psycopg.connect(base.replace("postgresql+psycopg://", "postgresql://") + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return f"{base}/{name}"


def env_for(url: str) -> dict:
    return {**os.environ, "APP_ENV": "production", "SECRET_KEY": secrets.token_urlsafe(32), "DATABASE_URL": url,
            "LOG_LEVEL": "WARNING", "PYTHONPATH": str(ROOT)}


def run(env: dict, *args: str) -> tuple[float, float, str]:
    """Run one CLI command; (wall seconds, CPU seconds of the CLI process, last line of its output). The CPU time
    is what the command itself costs on a busy shared machine (the database server's work is not in it)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(FLASK + list(args), cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    return seconds, cpu, done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--databases", default="sqlite,postgresql")
    parser.add_argument("--pg-url", default="postgresql+psycopg://postgres@127.0.0.1:5432")
    parser.add_argument("--case-rows", type=int, default=None, help="cases to import (default: --rows)")
    parser.add_argument("--commands", default="agencies,subjects,cases")
    parser.add_argument("--no-screen", action="store_true", help="import agencies with --no-screen")
    args = parser.parse_args()
    from import_agencies_file import write_csv as write_agencies

    results = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        files = {"agencies": tmp / "agencies.csv", "subjects": tmp / "subjects.csv", "cases": tmp / "cases.json"}
        write_agencies(files["agencies"], args.rows)
        write_subjects(files["subjects"], args.rows)
        case_rows = args.case_rows or args.rows
        write_cases(files["cases"], case_rows, args.rows)
        for database in args.databases.split(","):
            url = f"sqlite:///{tmp}/bench.db" if database == "sqlite" else fresh_postgres(args.pg_url, "import_bench")
            env = env_for(url)
            run(env, "db", "upgrade")
            steps = [("registry import-agencies", ["registry", "import-agencies", str(files["agencies"])]
                      + (["--no-screen"] if args.no_screen else [])),
                     ("watchlist import-subjects", ["watchlist", "import-subjects", str(files["subjects"])]),
                     ("watchlist import-cases", ["watchlist", "import-cases", str(files["cases"])])]
            wanted = args.commands.split(",")
            if "cases" in wanted and "subjects" not in wanted:
                raise SystemExit("cases name the imported subjects: include subjects")
            for label, command in steps:
                if label.rsplit("-", 1)[-1] not in wanted:
                    continue
                rows = case_rows if label.endswith("cases") else args.rows
                for run_label in ("first import", "re-import"):
                    seconds, cpu, output = run(env, *command)
                    results.append((database, label, run_label, rows, seconds, cpu))
                    print(f"{database:10s} {label:26s} {run_label:12s} {seconds:7.1f} s {rows / seconds:9,.0f} rows/s"
                          f" (CLI CPU {cpu:.1f} s)  {output}", flush=True)
    print("\n| database | command | run | rows | seconds (wall) | rows/s | CLI CPU seconds |\n"
          "| --- | --- | --- | --- | --- | --- | --- |")
    for database, label, run_label, rows, seconds, cpu in results:
        print(f"| {database} | `{label}` | {run_label} | {rows:,} | {seconds:.1f} | {rows / seconds:,.0f} | {cpu:.1f} |")


if __name__ == "__main__":
    main()
