"""MatchIndex: candidate search, non-name signals, removal, and agreement with brute force."""
import json
import random

from watchlist.matching import Hit, MatchIndex, Query, Record, compare_names


def _index() -> MatchIndex:
    index = MatchIndex()
    index.add_many([
        Record("subject:1", "organisation", ["Sinar Jaya Man-Power Sdn. Bhd."], country="MY",
               phones=["+60 3-1234 5678"], officers=["Ahmad bin Ismail"], payload={"n": 1}),
        Record("subject:2", "organisation", ["Global Manpower Services"], registration_no="REG-001",
               addresses=["12 Jalan Ampang, Kuala Lumpur 50450"], websites=["https://www.globalmp.example/"]),
        Record("subject:3", "person", ["Juan Dela Cruz", "Juanito Cruz"], emails=["juan@example.org"]),
        Record("agency:4", "organisation", ["Golden Lotus Co., Ltd.", "บริษัท โกลเด้น โลตัส จำกัด"]),
    ])
    return index


def test_index_finds_a_renamed_agency_by_name():
    hits = _index().query(Query("Sinarjaya Manpower"))
    assert isinstance(hits[0], Hit)
    assert hits[0].record_id == "subject:1" and hits[0].match
    assert hits[0].payload == {"n": 1}
    json.dumps(hits[0].explanation)
    assert hits[0].explanation["summary"].startswith("Likely the same organisation")


def test_index_reports_which_name_matched():
    hit = _index().query(Query("Juanito Cruz", kind="person"))[0]
    assert hit.record_id == "subject:3" and hit.matched_name == "Juanito Cruz"


def test_shared_registration_number_links_different_names():
    hit = _index().query(Query("Totally New Agency", registration_no="reg 001"))[0]
    assert hit.record_id == "subject:2" and hit.match
    assert hit.explanation["shared"]["registration_no"] == ["REG001"]


def test_shared_phone_links_different_names():
    hit = _index().query(Query("Brand New Co", phones=["03-1234 5678"]))[0]
    assert hit.record_id == "subject:1" and hit.match
    assert any(s["signal"] == "phone" for s in hit.explanation["signals"])


def test_shared_website_and_email_link_different_names():
    index = _index()
    assert index.query(Query("X", websites=["globalmp.example"]))[0].record_id == "subject:2"
    assert index.query(Query("Y", emails=["JUAN@example.org"]))[0].record_id == "subject:3"


def test_similar_address_gives_review_level():
    hit = _index().query(Query("Other Agency", addresses=["12, Jln Ampang, Kuala Lumpur 50450"]))[0]
    assert hit.record_id == "subject:2" and hit.review and not hit.match
    assert hit.explanation["shared"]["addresses"]


def test_officer_of_new_agency_who_was_officer_elsewhere_is_a_match_level_link():
    hit = _index().query(Query("Brand New Recruiters", officers=["Dato' Ahmad Ismail"]))[0]
    assert hit.record_id == "subject:1" and hit.match
    officers = hit.explanation["shared"]["officers"]
    assert officers[0]["query"] == "Dato' Ahmad Ismail" and officers[0]["matched"] == "Ahmad bin Ismail"


def test_removed_records_are_not_returned():
    index = _index()
    index.remove("subject:1")
    assert len(index) == 3
    assert all(hit.record_id != "subject:1" for hit in index.query(Query("Sinar Jaya Manpower")))
    assert all(hit.record_id != "subject:1" for hit in index.query(Query("X", phones=["0312345678"])))


def test_min_score_filters_weak_hits():
    hits = _index().query(Query("Global Manpower Solutions"), min_score=60)
    assert all(hit.score >= 60 for hit in hits)


def test_refit_stats_learns_from_indexed_names():
    index = _index()
    stats = index.refit_stats()
    assert stats.total == 6  # every name of every record


def test_index_agrees_with_brute_force_on_top_hits():
    rng = random.Random(5)
    syllables = "ka ri ma su to ne ba lo wi pa en an ung ho".split()

    def word() -> str:
        return "".join(rng.choice(syllables) for _ in range(3)).capitalize()

    generic = ["Manpower", "Services", "Global", "Trading", "Agency", "Overseas"]
    records = [Record(f"s:{i}", "organisation", [f"{word()} {rng.choice(generic)} Sdn Bhd"]) for i in range(400)]
    index = MatchIndex()
    index.add_many(records)
    for record in rng.sample(records, 25):
        query = Query(record.names[0].replace("Sdn Bhd", "Berhad")[:-1])
        brute = sorted(((compare_names(query.name, r.names[0], "organisation").score, r.id) for r in records),
                       reverse=True)
        best_score = brute[0][0]
        hits = index.query(query, limit=10)
        assert hits and hits[0].score == best_score


def test_person_screened_is_not_matched_to_a_company_named_by_their_initials():
    index = MatchIndex()
    index.add(Record("agency:9", "organisation", ["GBR Trading Corp"]))
    index.add(Record("subject:9", "person", ["Gabriel Bautista Reyes"]))
    hits = index.query(Query("Gabriel Bautista Reyes", kind="person"), limit=5)
    assert [h.record_id for h in hits if h.score >= 65] == ["subject:9"]


def test_query_of_common_words_is_not_seeded_from_a_rare_misspelling_of_one():
    index = MatchIndex()
    index.add_many([
        Record("o:1", "organisation", ["The Business Centre Ltd."]),
        Record("o:2", "organisation", ["Biznes Stolitsa OOO"]),
        Record("o:3", "organisation", ["Business Link Trading"]),
        Record("o:4", "organisation", ["City Centre Services"]),
    ])
    hits = index.query(Query("THE BUSINESS CENTRE LIMITED"), limit=3)
    assert hits[0].record_id == "o:1" and hits[0].match


def test_index_finds_a_record_by_one_of_the_names_its_name_lists_with_a_slash():
    index = MatchIndex()
    index.add(Record("o:1", "organisation", ["Golden Lotus Recruitment / Lotus Emas Tenaga Kerja"]))
    hits = index.query(Query("Lotus Emas Tenaga Kerja Sdn Bhd"), limit=1)
    assert hits[0].record_id == "o:1" and hits[0].match
    assert hits[0].matched_name == "Lotus Emas Tenaga Kerja"
