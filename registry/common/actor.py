"""Who is acting: passed explicitly from views and CLI to services, which never read the request."""
from dataclasses import dataclass, field

ROLES = ("regulator", "verifier", "admin")


@dataclass(frozen=True)
class Actor:
    """An authenticated caller (API token, console user or CLI operator)."""

    name: str
    role: str
    country: str | None = None
    token_id: int | None = None
    user_id: int | None = None
    request_id: str | None = None
    via: str = "api"
    extra: dict = field(default_factory=dict)

    @property
    def label(self) -> str:
        """Human-readable identity written to the audit log."""
        ref = f"token:{self.token_id}" if self.token_id else f"user:{self.user_id}" if self.user_id else self.via
        return f"{self.name} ({self.role}{'/' + self.country if self.country else ''}, {ref})"

    def can_write_country(self, country: str | None) -> bool:
        return self.role == "admin" or (self.role == "regulator" and country is not None and country == self.country)


SYSTEM = Actor(name="system", role="admin", via="system")


def cli_actor(name: str = "cli operator") -> Actor:
    return Actor(name=name, role="admin", via="cli")
