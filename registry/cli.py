"""`flask registry ...` and `flask seed-demo`: bulk import, demo data."""
import sys

import click
from flask.cli import AppGroup, with_appcontext

from registry.common.actor import cli_actor
from registry.common.bulk import progress_bar

registry_cli = AppGroup("registry", help="Registry maintenance: bulk import and export.")


@registry_cli.command("import-agencies")
@click.argument("file", type=click.File("r", encoding="utf-8-sig"))
@click.option("--dry-run", is_flag=True, help="Validate and report, write nothing.")
@click.option("--authority", default=None, help="Issuing authority recorded on new licences.")
@click.option("--no-screen", is_flag=True,
              help="Do not screen new agencies for repeat offenders (first load of a register into an empty registry).")
def import_agencies_command(file, dry_run, authority, no_screen):
    """Import agencies and licences from a CSV (idempotent on country + licence number; all or nothing)."""
    from registry.imports.agency_import import import_agencies

    with progress_bar(max(sum(1 for _ in file) - 1, 0), "Importing agencies", sys.stderr) as update:
        file.seek(0)
        report = import_agencies(file, cli_actor(f"import-agencies {file.name}"), dry_run=dry_run,
                                 authority=authority, progress=update, screen=not no_screen)
    for error in report.errors:
        click.echo(f"error: {error}", err=True)
    if report.errors:
        raise click.ClickException(f"{len(report.errors)} bad row(s); nothing was written.")
    verb = "Would create" if dry_run else "Created"
    click.echo(f"{verb} {report.created}, updated {report.updated}, unchanged {report.unchanged}"
               f"{' (dry run: nothing written)' if dry_run else ''}.")
    if report.flagged:
        click.echo(f"{report.flagged} possible repeat offender(s) {'would go' if dry_run else 'went'} to the review "
                   f"queue (GET /api/v1/flags).")


@click.command("seed-demo")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has agencies.")
@with_appcontext
def seed_demo_command(if_empty):
    """Load the fictitious demo data set (invented names only)."""
    from registry.demo import database_is_empty, seed_demo

    if if_empty and not database_is_empty():
        click.echo("Database already has data; demo data not loaded.")
        return
    counts = seed_demo()
    click.echo("Loaded demo data: " + ", ".join(f"{v} {k}" for k, v in counts.items()))


@registry_cli.command("export-all")
@click.argument("directory", type=click.Path(file_okay=False))
def export_all_command(directory):
    """Back up every table (history and audit log included) to DIRECTORY as JSON Lines plus manifest.json."""
    from registry.backup.service import export_all

    counts = export_all(directory)
    click.echo(f"Exported {sum(counts.values())} rows from {len(counts)} tables to {directory}.")


@registry_cli.command("import-all")
@click.argument("directory", type=click.Path(exists=True, file_okay=False))
@click.option("--replace", is_flag=True, help="Delete all existing rows first (otherwise the database must be empty).")
def import_all_command(directory, replace):
    """Restore a backup written by export-all, keeping ids (all or nothing; PostgreSQL sequences are reset)."""
    from registry.backup.service import import_all
    from registry.domain import DomainError

    try:
        counts = import_all(directory, replace=replace)
    except DomainError as exc:
        raise click.ClickException(exc.message) from exc
    click.echo(f"Imported {sum(counts.values())} rows into {len(counts)} tables from {directory}.")
