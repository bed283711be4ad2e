"""`flask users ...`: create, list and revoke API tokens."""
import sys

import click
from flask.cli import AppGroup

from registry.auth import service
from registry.common.actor import ROLES, cli_actor
from registry.domain import DomainError

users_cli = AppGroup("users", help="Manage API tokens (and console users).")


@users_cli.command("create-token")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--country", default=None, help="ISO 3166-1 alpha-2; required for regulators.")
@click.option("--name", required=True, help="Who holds the token, e.g. 'DMW licensing desk'.")
def create_token(role, country, name):
    """Create a token; it is printed alone on the last line and never shown again."""
    try:
        token = service.create_token(name, role, country, cli_actor())
    except DomainError as exc:
        raise click.ClickException(exc.message) from exc
    click.echo(f"Created {role} token for '{name}'{' (' + country.upper() + ')' if country else ''}. Store it now:")
    click.echo(token)


@users_cli.command("list-tokens")
def list_tokens():
    """List tokens (never their secrets)."""
    for t in service.list_tokens():
        state = "revoked" if t.revoked_at else "active"
        click.echo(f"{t.id}\t{t.role}\t{t.country or '-'}\t{state}\t{t.prefix}\t{t.name}")


@users_cli.command("revoke-token")
@click.argument("token_id", type=int)
def revoke_token(token_id):
    """Revoke a token by its id (see list-tokens)."""
    try:
        service.revoke_token(token_id, cli_actor())
    except DomainError as exc:
        raise click.ClickException(exc.message) from exc
    click.echo(f"Token {token_id} revoked.")


@users_cli.command("create-user")
@click.option("--email", required=True)
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--country", default=None, help="ISO 3166-1 alpha-2; required for regulators.")
@click.option("--password-stdin", is_flag=True, help="Read the password from standard input instead of prompting.")
def create_user(email, role, country, password_stdin):
    """Create a regulator-console user (password prompted, or read from stdin)."""
    from registry.console.users import create_user as create

    password = sys.stdin.readline().rstrip("\n") if password_stdin else click.prompt(
        "Password", hide_input=True, confirmation_prompt=True)
    try:
        user = create(email, password, role, country, cli_actor())
    except DomainError as exc:
        raise click.ClickException(exc.message) from exc
    click.echo(f"Created {role} console user {user.email}{' (' + user.country + ')' if user.country else ''}.")
