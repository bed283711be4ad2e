"""`flask watchlist ...`: bulk loads of subjects (CSV) and cases (JSON), all or nothing, with a progress bar
(rows/s, ETA) when stderr is a terminal."""
import io
import json
import sys

import click
from flask.cli import AppGroup

from registry.common.actor import cli_actor
from registry.common.bulk import progress_bar

watchlist_cli = AppGroup("watchlist", help="Watchlist maintenance: bulk import of subjects and cases.")


def _finish(report, what: str) -> None:
    for error in report.errors:
        click.echo(f"error: {error}", err=True)
    if report.errors:
        raise click.ClickException(f"{len(report.errors)} error(s); nothing was written.")
    click.echo(f"{what}: created {report.created}, updated {report.updated}, unchanged {report.unchanged}.")


@watchlist_cli.command("import-subjects")
@click.argument("file", type=click.File("r", encoding="utf-8-sig"))
def import_subjects_command(file):
    """Import subjects from a CSV with columns external_id,kind,name,other_names,country,registration_no,address,phone,email
    (other_names |-separated; idempotent on country + external_id; all or nothing)."""
    from watchlist.imports import import_subjects

    with progress_bar(max(sum(1 for _ in file) - 1, 0), "Importing subjects", sys.stderr) as update:
        file.seek(0)
        report = import_subjects(file, cli_actor(f"import-subjects {file.name}"), progress=update)
    _finish(report, "Subjects")


@watchlist_cli.command("import-cases")
@click.argument("file", type=click.File("r", encoding="utf-8-sig"))
def import_cases_command(file):
    """Import cases from a JSON list of case objects in the API's shape, each with optional `events` (all or nothing)."""
    from watchlist.imports import import_cases

    text = file.read()
    try:
        count = len(json.loads(text))
    except (ValueError, TypeError):
        count = 0  # import_cases reports the error with its line
    with progress_bar(count, "Importing cases", sys.stderr) as update:
        report = import_cases(io.StringIO(text), cli_actor(f"import-cases {file.name}"), progress=update)
    _finish(report, "Cases")
