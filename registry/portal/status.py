"""Turn a licence into what a worker reads: a kind (for colour), an icon and a plain sentence in their language."""
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext

from registry.i18n import long_date
from registry.licences.models import Licence

# kind -> (icon, one-word label key); the icon and word carry the meaning without colour.
ICONS = {"ok": "✔", "warn": "!", "bad": "✖", "info": "?"}


@dataclass(frozen=True)
class StatusView:
    kind: str  # ok | warn | bad | info
    label: str  # one word, e.g. "LICENSED"
    headline: str  # e.g. "Licensed until 3 March 2027"
    may_recruit: bool

    @property
    def icon(self) -> str:
        return ICONS[self.kind]


def _last_action_on(licence: Licence, to_state: str) -> date | None:
    dates = [a.effective_on for a in licence.actions if a.to_state == to_state]
    return dates[-1] if dates else None


def banned_view(agency) -> StatusView:
    return StatusView("bad", gettext("BANNED"), gettext(
        "This agency and its owners are banned from recruiting since %(date)s.", date=long_date(agency.banned_on)), False)


def licence_status_view(licence: Licence) -> StatusView:
    status = licence.status
    if status == "valid" and licence.agency.banned:  # never "LICENSED" for a banned agency
        return banned_view(licence.agency)
    if status == "valid":
        return StatusView("ok", gettext("LICENSED"), gettext("Licensed until %(date)s", date=long_date(licence.expires_on)), True)
    if status == "suspended":
        if licence.suspended_until:
            text = gettext("Suspended until %(date)s - this agency may not recruit you now",
                           date=long_date(licence.suspended_until))
        else:
            text = gettext("Suspended until further notice - this agency may not recruit you now")
        return StatusView("warn", gettext("SUSPENDED"), text, False)
    if status == "expired":
        return StatusView("warn", gettext("EXPIRED"), gettext(
            "Licence expired on %(date)s - this agency may not recruit you now", date=long_date(licence.expires_on)), False)
    if status == "revoked":
        return StatusView("bad", gettext("REVOKED"), gettext(
            "Licence revoked on %(date)s - this agency may not recruit you",
            date=long_date(_last_action_on(licence, "revoked"))), False)
    if status == "cancelled":
        return StatusView("bad", gettext("CANCELLED"), gettext(
            "Licence cancelled on %(date)s - this agency may not recruit you",
            date=long_date(_last_action_on(licence, "cancelled"))), False)
    if status == "surrendered":
        return StatusView("bad", gettext("CLOSED"), gettext(
            "Licence given up on %(date)s - this agency may not recruit you",
            date=long_date(_last_action_on(licence, "surrendered"))), False)
    return StatusView("info", gettext("NOT YET LICENSED"),
                      gettext("Licence not issued yet - this agency may not recruit you yet"), False)


def no_licence_view() -> StatusView:
    return StatusView("bad", gettext("NO LICENCE"), gettext("This agency has no licence - it may not recruit you"), False)


def main_licence(licences: list[Licence]) -> Licence | None:
    """The licence that decides what a worker is told: a valid one first, else the most recent."""
    if not licences:
        return None
    valid = [lic for lic in licences if lic.status == "valid"]
    if valid:
        return max(valid, key=lambda lic: lic.expires_on)
    return max(licences, key=lambda lic: (lic.actions[-1].effective_on if lic.actions else date.min, lic.id))


def agency_status_view(agency) -> StatusView:
    if agency.banned:
        return banned_view(agency)
    licence = main_licence(list(agency.licences))
    return licence_status_view(licence) if licence else no_licence_view()


def action_label(action: str) -> str:
    labels = {
        "issue": gettext("Licence issued"), "renew": gettext("Licence renewed"), "suspend": gettext("Suspended"),
        "reinstate": gettext("Suspension lifted"), "revoke": gettext("Licence revoked"),
        "cancel": gettext("Licence cancelled"), "surrender": gettext("Licence given up"),
    }
    return labels.get(action, action)
