"""Fictitious demo data: every name is invented; nothing refers to a real company or person."""
from registry.extensions import db


def database_is_empty() -> bool:
    from registry.agencies.models import Agency
    return db.session.query(Agency.id).first() is None


def seed_demo() -> dict:
    """Load all demo data sets in order; each seeder commits its own work and returns counts."""
    from registry.demo.agencies import seed_agencies

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
    return seeders
