"""Fictitious demo data: every name is invented; nothing refers to a real company or person."""
from registry.extensions import db


def database_is_empty() -> bool:
    from registry.agencies.models import Agency
    return db.session.query(Agency.id).first() is None


def seed_demo() -> dict:
    """Load all demo data sets in order, each committed before the next, so automatic repeat-offender
    screening sees earlier records (e.g. a revoked agency before its look-alike); each seeder returns counts."""
    from registry.common.uow import transaction
    from registry.demo.agencies import seed_agencies

    counts = {"agencies": seed_agencies()}
    for seeder in _extra_seeders():
        with transaction():
            counts.update(seeder())
    return counts


def _extra_seeders():
    """Seeders of later domains (watchlist, fees, ...) registered here in dependency order."""
    seeders = []
    try:
        from watchlist.demo import seed_watchlist
        seeders.append(seed_watchlist)
    except ImportError:
        pass
    from registry.fees.demo import seed_fees
    seeders.append(seed_fees)
    from registry.accreditation.demo import seed_accreditations
    seeders.append(seed_accreditations)
    from registry.complaints.demo import seed_complaints
    seeders.append(seed_complaints)
    from watchlist.sources.demo import seed_sources
    seeders.append(seed_sources)
    return seeders
