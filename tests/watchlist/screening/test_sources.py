"""The index's records are loaded set-wise: a full build reads the same few statements at any size, and the
standing it indexes is the profile's standing."""
from datetime import date, timedelta

from sqlalchemy import event

from registry.agencies.models import Agency, AgencyName, Officer
from registry.common.time import today
from registry.extensions import db
from registry.licences.models import Licence, LicenceAction
from watchlist.cases.models import Case, CaseEvent, CaseRespondent
from watchlist.profile import standing
from watchlist.screening import sources
from watchlist.screening.cache import local_indexes
from watchlist.screening.models import RecordLink
from watchlist.subjects.models import Subject, SubjectContact, SubjectIdentifier, SubjectLink, SubjectName
from tests.watchlist.helpers import convict, create_case, create_subject, event as case_event

WORDS = ("Quorvanta", "Belmundo", "Sinar", "Tavelon", "Mirakos", "Zelvora", "Pranthis", "Ostrevan", "Kelubra", "Varnetti")


def _word(n: int) -> str:
    return f"{WORDS[n % len(WORDS)]}{WORDS[(n // len(WORDS)) % len(WORDS)].lower()}"


def _fill(start: int, count: int) -> None:
    """`count` subjects (names, identifiers, contacts, officers, a decided case) and adverse agencies (officers,
    revoked licences, links), inserted directly: this is about loading, not writing."""
    filed = today() - timedelta(days=400)
    for n in range(start, start + count):
        org = Subject(kind="organisation", name=f"{_word(n)} Manpower Co.", search_key=_word(n).lower(), country="PH", jurisdiction="PH",
                      external_id=f"T-{n}")
        person = Subject(kind="person", name=f"Dario {_word(n)}", search_key=_word(n).lower(), country="PH", jurisdiction="PH")
        org.other_names.append(SubjectName(name=f"{_word(n)} Travel", kind="trade", search_key=_word(n).lower()))
        org.identifiers.append(SubjectIdentifier(kind="registration_no", value=f"R-{n}", normalised=f"R{n}"))
        org.contacts.append(SubjectContact(kind="phone", value=f"+63 2 8000 {n:04d}", normalised=f"632800{n:04d}"))
        db.session.add_all([org, person])
        db.session.flush()
        db.session.add(SubjectLink(person_id=person.id, organisation_id=org.id, role="director"))
        case = Case(case_no=f"C-{n}", jurisdiction="PH", authority="Test court", offences=["forced_labour"], indicators=[],
                    filed_on=filed, status="decided")
        case.respondents.append(CaseRespondent(subject_id=org.id, role="employer", state="convicted"))
        case.events += [CaseEvent(seq=1, event="filed", effective_on=filed, actor="t"),
                        CaseEvent(seq=2, event="prosecuted", effective_on=filed + timedelta(days=10), actor="t"),
                        CaseEvent(seq=3, event="convicted", effective_on=filed + timedelta(days=100), subject_id=org.id,
                                  debarment_until=today() + timedelta(days=n % 3 * 400 - 1), actor="t")]
        agency = Agency(name=f"{_word(n)} Overseas Inc.", search_key=_word(n).lower(), country="PH", registration_no=f"A-{n}")
        agency.other_names.append(AgencyName(name=f"{_word(n)} Jobs", kind="trade", search_key=_word(n).lower()))
        agency.officers.append(Officer(name=f"Lina {_word(n)}", search_key=_word(n).lower(), role="director"))
        db.session.add_all([case, agency])
        db.session.flush()
        licence = Licence(agency_id=agency.id, country="PH", licence_no=f"L-{n}", licence_key=f"L{n}", authority="DMW",
                          scope="land_based", expires_on=date(2030, 1, 1), state="revoked")
        licence.actions += [LicenceAction(seq=1, action="issue", from_state="pending", to_state="active", effective_on=filed,
                                          actor="t"),
                            LicenceAction(seq=2, action="revoke", from_state="active", to_state="revoked",
                                          effective_on=filed + timedelta(days=5), ban=n % 2 == 0, actor="t")]
        db.session.add(licence)
        db.session.add(RecordLink(a_ref=f"agency:{agency.id}", b_ref=f"subject:{org.id}", created_by="t"))
    db.session.commit()


def _statements_of_a_full_build(app) -> tuple[int, int]:
    count = [0]

    def counter(*_args):
        count[0] += 1

    indexes = local_indexes(app)
    event.listen(db.engine, "before_cursor_execute", counter)
    try:
        indexes.check()
    finally:
        event.remove(db.engine, "before_cursor_execute", counter)
    return count[0], len(indexes.screening)


def test_a_full_index_build_reads_the_same_number_of_statements_whatever_the_number_of_records(app):
    _fill(0, 15)
    small, small_records = _statements_of_a_full_build(app)
    _fill(15, 30)
    large, large_records = _statements_of_a_full_build(app)
    assert large_records == 3 * small_records  # every subject, agency and officer of the larger set is indexed
    assert large == small, f"{small} statements for {small_records} records, {large} for {large_records}"


def test_the_indexed_standing_is_the_profile_standing(client, ph_regulator):
    ids = [create_subject(client, ph_regulator, external_id=f"S-{n}", name=f"{_word(n)} Builders Est.")["id"]
           for n in range(5)]
    convicted = create_case(client, ph_regulator, [ids[0], ids[1]], case_no="K-1")  # ids[1] stays pending
    convict(client, ph_regulator, convicted["id"], ids[0])
    dismissed = create_case(client, ph_regulator, [ids[2]], case_no="K-2")
    assert case_event(client, ph_regulator, dismissed["id"], "dismissed", 30, respondent_id=ids[2]).status_code == 201
    settled = create_case(client, ph_regulator, [ids[3]], case_no="K-3")
    assert case_event(client, ph_regulator, settled["id"], "settled", 30, respondent_id=ids[3], sanctions={
        "debarment_until": (today() + timedelta(days=90)).isoformat()}).status_code == 201
    indexed = sources.subject_records(db.session)
    expected = {s.id: standing(s, today()) for s in db.session.query(Subject)}
    assert {i: r.payload["standing"] for i, r in indexed.items()} == expected
    assert [expected[i] for i in ids] == ["convicted", "pending", "cleared", "debarred", "none"]
    assert {i: r.payload["standing"] for i, r in sources.subject_records(db.session, ids[:2]).items()} == \
        {ids[0]: "convicted", ids[1]: "pending"}
