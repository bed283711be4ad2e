"""Screenings queued by writes made while the index was not ready, and running them once it is.

The job is added in the write's own transaction, so the write and its pending screening commit together;
the index server drains the queue as soon as its index is ready (`flask watchlist run-screenings` by hand).
"""
from dataclasses import asdict

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from registry.common.actor import Actor
from registry.common.time import utcnow
from registry.common.uow import transaction
from registry.domain import Unavailable
from registry.extensions import db
from watchlist.screening.models import ScreeningJob

ACTOR_FIELDS = ("name", "role", "country", "token_id", "user_id", "request_id", "via")


def enqueue(ref: str, country: str, trigger: str, actor: Actor) -> ScreeningJob:
    """Queue the screening of `ref` (in the caller's transaction)."""
    job = ScreeningJob(ref=ref, country=country, trigger=trigger,
                       actor={k: v for k, v in asdict(actor).items() if k in ACTOR_FIELDS})
    db.session.add(job)
    return job


def pending_count() -> int:
    return db.session.scalar(select(func.count()).select_from(ScreeningJob).where(ScreeningJob.done_at.is_(None)))


def run_queued(batch: int = 100) -> tuple[int, int]:
    """Run queued screenings, oldest first, each in its own transaction; (jobs run, flags raised).
    Stops (leaving the rest queued) if the index becomes unavailable."""
    from registry.agencies.models import Agency
    from watchlist.screening.flags import screen_agency, screen_subject
    from watchlist.subjects.models import Subject

    done = raised = 0
    while True:
        ids = db.session.scalars(select(ScreeningJob.id).where(ScreeningJob.done_at.is_(None))
                                 .order_by(ScreeningJob.id).limit(batch)).all()
        if not ids:
            return done, raised
        for job_id in ids:
            try:
                with transaction():
                    job = db.session.scalar(select(ScreeningJob).where(ScreeningJob.id == job_id, ScreeningJob.done_at.is_(None))
                                            .with_for_update(skip_locked=True))
                    if job is None:
                        continue  # another process runs or ran it
                    actor = Actor(**{k: job.actor.get(k) for k in ACTOR_FIELDS if k in job.actor})
                    kind, _, ident = job.ref.partition(":")
                    flags = []
                    if kind == "agency":
                        agency = db.session.scalar(select(Agency).where(Agency.id == int(ident)).options(
                            selectinload(Agency.officers), selectinload(Agency.other_names)))
                        flags = screen_agency(agency, actor, job.trigger) if agency is not None else []
                    elif kind == "subject":
                        subject = db.session.get(Subject, int(ident))
                        flags = screen_subject(subject, job.country, actor, job.trigger) if subject is not None else []
                    job.done_at, job.flags = utcnow(), len(flags)
                    done, raised = done + 1, raised + len(flags)
            except Unavailable:
                return done, raised
