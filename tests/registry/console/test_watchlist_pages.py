"""Console cases and review queue: respondents with server-side 'find similar', events, and same/different decisions."""
import re

from tests.registry.console.helpers import form_token, login, make_user


def test_find_similar_suggests_an_existing_subject_and_the_case_is_created_with_it(client, ph_regulator):
    from tests.watchlist.helpers import create_subject

    subject = create_subject(client, ph_regulator)
    make_user()
    login(client)
    token = form_token(client, "/console/cases/new")
    found = client.post("/console/cases/new", data={"csrf_token": token, "find": "0", "name_0": "Zarqan Velamar Contracting",
                                                     "kind_0": "organisation"}).get_data(as_text=True)
    assert f'name="subject_id_0" value="{subject["id"]}"' in found
    created = client.post("/console/cases/new", data={
        "csrf_token": token, "case_no": "CRIM-C-1", "jurisdiction": "PH", "authority": "RTC Branch 9 (test)",
        "filed_on": "2026-01-05", "offences": ["forced_labour"], "subject_id_0": str(subject["id"]), "role_0": "employer"})
    assert created.status_code == 302
    case_page = client.get(created.headers["Location"]).get_data(as_text=True)
    assert "Zarqan Vellamar Contracting Est." in case_page
    case_id = created.headers["Location"].rsplit("/", 1)[1]
    recorded = client.post(f"/console/cases/{case_id}/events", follow_redirects=True, data={
        "csrf_token": token, "event": "prosecuted", "date": "2026-02-01"}).get_data(as_text=True)
    assert "Recorded &#39;prosecuted&#39;." in recorded


def test_a_flag_is_shown_side_by_side_and_decided_in_the_review_queue(client, ph_regulator):
    from tests.registry.factories import create_agency
    from tests.registry.portal.helpers import agency_with_licence

    agency_with_licence(client, ph_regulator, state="revoked")
    create_agency(client, ph_regulator, name="Kalovarren Manpower Services Corp.", registration_no="PH-REG-9",
                  other_names=[], officers=[{"name": "Rosalind B. Quibranza", "role": "director"}])
    make_user()
    login(client)
    queue = client.get("/console/review").get_data(as_text=True)
    flag_id = re.search(r"Flag (\d+):", queue).group(1)
    assert "Kalovarren Manpower Services Corp." in queue and "Why it was flagged" in queue
    token = form_token(client, "/console/review")
    done = client.post(f"/console/review/{flag_id}", follow_redirects=True,
                       data={"csrf_token": token, "decision": "same", "reason": "Same director and phone."}).get_data(as_text=True)
    assert f"Flag {flag_id} decided: same." in done
