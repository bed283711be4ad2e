"""`flask watchlist screen-file IN.csv OUT.csv`: bulk screening of a spreadsheet of names."""
import csv
import sys

import click
from flask.cli import with_appcontext

from registry.common.csv_safe import SafeDictWriter
from watchlist.screening.service import screen_one

INPUT_COLUMNS = ("name", "kind", "country", "registration_no", "address", "phone", "email", "website")
OUTPUT_COLUMNS = ("line", "query_name", "rank", "record", "source", "name", "matched_name", "country", "score",
                  "match", "review", "standing", "summary")


@click.command("screen-file")
@click.argument("infile", type=click.File("r", encoding="utf-8-sig"))
@click.argument("outfile", type=click.File("w", encoding="utf-8"))
@click.option("--limit", default=3, show_default=True, help="Results kept per name.")
@click.option("--all", "keep_all", is_flag=True, help="Also write results below the review band.")
@with_appcontext
def screen_file_command(infile, outfile, limit, keep_all):
    """Screen every row of IN.csv (column `name` required; optional kind, country, registration_no, address,
    phone, email, website) and write one row per result to OUT.csv (a row with no result for a clear name)."""
    reader = csv.DictReader(infile)
    if "name" not in (reader.fieldnames or []):
        raise click.ClickException("IN.csv needs a 'name' column.")
    rows = list(reader)
    writer = SafeDictWriter(outfile, fieldnames=OUTPUT_COLUMNS, lineterminator="\n")
    writer.writeheader()
    matches = 0
    with click.progressbar(rows, label="Screening", file=sys.stderr) as bar:
        for line, row in enumerate(bar, start=2):
            item = {k: (row.get(k) or "").strip() or None for k in INPUT_COLUMNS}
            if item["kind"] not in ("organisation", "person", "any"):
                item["kind"] = "any"
            results = [r for r in screen_one(item, limit=limit) if keep_all or r["match"] or r["review"]] if item["name"] else []
            matches += any(r["match"] for r in results)
            if not results:
                writer.writerow({"line": line, "query_name": item["name"] or "", "rank": 0})
            for rank, r in enumerate(results, start=1):
                writer.writerow({"line": line, "query_name": item["name"], "rank": rank, "record": r["record"],
                                 "source": r["source"], "name": r["name"], "matched_name": r["matched_name"],
                                 "country": r["country"], "score": r["score"], "match": str(r["match"]).lower(),
                                 "review": str(r["review"]).lower(), "standing": r["standing"],
                                 "summary": (r["explanation"] or {}).get("summary", "")})
    click.echo(f"Screened {len(rows)} name(s): {matches} with a match. Results in {outfile.name}.")


@click.command("serve-index")
@with_appcontext
def serve_index_command():
    """Serve the host's screening index to its workers over a Unix socket in MATCH_INDEX_DIR (one per host;
    registry/gunicorn_conf.py starts it when MATCH_INDEX_MODE=server). Loads the snapshot, builds in the background."""
    import signal

    from flask import current_app

    from watchlist.screening.index_server import AlreadyRunning, IndexServer

    server = IndexServer(current_app._get_current_object())
    signal.signal(signal.SIGTERM, lambda *_: server.stop())
    try:
        server.serve_forever()
    except AlreadyRunning as exc:
        raise click.ClickException(str(exc)) from None
    except KeyboardInterrupt:
        server.stop()


@click.command("build-index")
@with_appcontext
def build_index_command():
    """Build the screening index from the database and write its snapshot to MATCH_INDEX_DIR (for deploy scripts:
    an index server started afterwards loads it instead of building)."""
    import time

    from flask import current_app

    from watchlist.screening.index_server import IndexServer

    server = IndexServer(current_app._get_current_object())
    started = time.monotonic()
    server.indexes.check()
    status = server.indexes.status()
    click.echo(f"Indexed {status['records']} records through audit entry {status['indexed_through_audit_id']} "
               f"in {time.monotonic() - started:.1f} s; snapshot in {server.dir}.")


@click.command("run-screenings")
@with_appcontext
def run_screenings_command():
    """Run the screenings queued by writes made while the screening index was not ready (the index server does
    this by itself once ready)."""
    from watchlist.screening.queue import pending_count, run_queued

    done, raised = run_queued()
    left = pending_count()
    click.echo(f"Ran {done} queued screening(s): {raised} flag(s) raised; {left} still queued.")
    if left:
        raise click.ClickException("The screening index is not ready; the rest stay queued.")
