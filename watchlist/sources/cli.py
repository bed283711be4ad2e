"""`flask sources ...`: add, change and list screening sources, and import FollowTheMoney files into them."""
import os
import re
import sys

import click
from flask.cli import AppGroup

from registry.common.actor import cli_actor

sources_cli = AppGroup("sources", help="Other registries' exports and public sanctions lists, as screening sources.")
SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,59}$")


def _run(call):
    from registry.domain import DomainError
    try:
        return call()
    except DomainError as exc:
        raise click.ClickException(exc.message) from exc


@sources_cli.command("add")
@click.argument("slug")
@click.option("--name", required=True, help="Shown as 'listed by NAME'.")
@click.option("--publisher", required=True)
@click.option("--url", default=None, help="The source's own page, linked wherever its entities are shown.")
@click.option("--licence", default=None, help="The data licence, e.g. CC-BY 4.0.")
@click.option("--public/--private", default=False, show_default=True,
              help="Whether the public may see this source's entities (verifiers and regulators always do).")
def add_command(slug, name, publisher, url, licence, public):
    """Add a source; SLUG (lower-case letters, digits, - and _) names it in commands and results."""
    from watchlist.sources.service import add_source
    if not SLUG.match(slug):
        raise click.ClickException("SLUG: lower-case letters, digits, '-' and '_', at most 60 characters.")
    source = _run(lambda: add_source({"slug": slug, "name": name, "publisher": publisher, "url": url, "licence": licence,
                                      "public": public}, cli_actor(f"sources add {slug}")))
    click.echo(f"Added source {source.slug} ({'public' if source.public else 'private'}).")


@sources_cli.command("update")
@click.argument("slug")
@click.option("--name")
@click.option("--publisher")
@click.option("--url")
@click.option("--licence")
@click.option("--public/--private", default=None)
def update_command(slug, name, publisher, url, licence, public):
    """Change a source's details or its public flag."""
    from watchlist.sources.service import update_source
    changes = {"name": name, "publisher": publisher, "url": url, "licence": licence, "public": public}
    source = _run(lambda: update_source(slug, changes, cli_actor(f"sources update {slug}")))
    click.echo(f"Source {source.slug}: version {source.version}, {'public' if source.public else 'private'}.")


@sources_cli.command("list")
def list_command():
    """Every source with its live entities and last import."""
    from watchlist.sources.service import list_sources
    for s in list_sources(trusted=True):
        last = s["last_import_at"].isoformat(timespec="seconds") if s["last_import_at"] else "never"
        click.echo(f"{s['slug']}\t{s['name']}\t{'public' if s['public'] else 'private'}\t{s['entities']} entities\t"
                   f"last import {last}\t{s['url'] or ''}")


@sources_cli.command("import-ftm")
@click.argument("slug")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
def import_ftm_command(slug, file):
    """Import FollowTheMoney entities (NDJSON, or .gz) into a source: all or nothing, idempotent on the entity id;
    entities missing from the file are retired (kept, not deleted)."""
    from watchlist.sources.importer import import_ftm
    actor = cli_actor(f"sources import-ftm {slug} {os.path.basename(file)}")
    if sys.stderr.isatty():
        with click.progressbar(length=os.path.getsize(file), label="Importing", file=sys.stderr) as bar:
            report = _run(lambda: import_ftm(slug, file, actor, progress=bar.update))
    else:
        report = _run(lambda: import_ftm(slug, file, actor))
    for error in report.errors:
        click.echo(f"error: {error}", err=True)
    if report.error_count:
        more = f" (first {len(report.errors)} shown)" if report.error_count > len(report.errors) else ""
        raise click.ClickException(f"{report.error_count} error(s){more}; nothing was written.")
    summary = (f"{report.entities} entities: created {report.created}, updated {report.updated}, "
               f"unchanged {report.unchanged}, retired {report.retired}; skipped {report.skipped} of other schemata.")
    click.echo(summary if report.changed else summary + " Nothing changed; nothing was written.")
