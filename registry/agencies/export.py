"""The open-data CSV of licensed agencies (one row per licence, public fields only)."""
import io

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from registry.agencies import trust
from registry.agencies.models import Agency
from registry.common.csv_safe import SafeWriter
from registry.common.time import today
from registry.extensions import db
from registry.licences.models import Licence, licence_status

COLUMNS = ("country", "licence_no", "agency_id", "agency_name", "other_names", "status", "valid", "issued_on",
           "expires_on", "suspended_until", "scope", "destinations", "authority", "registration_no", "address",
           "phone", "email", "website", "agency_banned", "officers_banned", "linked_to_adverse_record")


def agencies_csv() -> str:
    on = today()
    out = io.StringIO()
    writer = SafeWriter(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    rows = db.session.scalars(select(Licence).options(selectinload(Licence.agency).selectinload(Agency.other_names))
                              .order_by(Licence.country, Licence.licence_no)).all()
    states = trust.standings(list({lic.agency.id: lic.agency for lic in rows}.values()))
    for lic in rows:
        a, status = lic.agency, licence_status(lic, on)
        writer.writerow([lic.country, lic.licence_no, a.id, a.name, "|".join(n.name for n in a.other_names), status,
                         str(status == "valid").lower(), lic.issued_on or "", lic.expires_on,
                         lic.suspended_until or "", lic.scope, "|".join(lic.destinations or []), lic.authority,
                         a.registration_no or "", a.address or "", a.phone or "", a.email or "", a.website or ""]
                        + trust.csv_columns(states[a.id]))
    return out.getvalue()
