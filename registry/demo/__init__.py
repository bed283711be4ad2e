"""Fictitious demo data: every name is invented; nothing refers to a real company or person."""
from registry.extensions import db


def database_is_empty() -> bool:
    from registry.agencies.models import Agency
    return db.session.query(Agency.id).first() is None


def seed_demo() -> dict:
    """Load all demo data sets in order; all in one transaction; each seeder returns counts."""
    from registry.common.uow import transaction
    from registry.demo.agencies import seed_agencies

    with transaction():
        counts = {"agencies": seed_agencies()}
        for seeder in _extra_seeders():
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
    return seeders
