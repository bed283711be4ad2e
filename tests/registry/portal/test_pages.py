"""Public pages: the agency status in plain words with an icon, did-you-mean, unknown licences, fee and employer checks, page weight."""
import re

import pytest

from tests.registry.factories import create_agency
from tests.registry.portal.helpers import agency_with_licence, status_box

PUBLIC_PAGES = ["/", "/search?q=kalovaren", "/complaints/new", "/complaints/track", "/fees/check", "/employers?q=zz",
                "/open-data", "/job-offers", "/licences/PH/NOPE-1"]


def test_valid_agency_says_licensed_until_its_expiry_with_a_check_mark(client, ph_regulator):
    agency = agency_with_licence(client, ph_regulator)
    html = client.get(f"/agencies/{agency['id']}").get_data(as_text=True)
    assert status_box(html) == ("LICENSED", "Licensed until January 14, 2029")
    assert 'class="status ok"' in html and "✔" in html


def test_revoked_agency_says_it_may_not_recruit_you_with_the_revocation_date(client, ph_regulator):
    agency = agency_with_licence(client, ph_regulator, state="revoked")
    html = client.get(f"/agencies/{agency['id']}").get_data(as_text=True)
    assert status_box(html) == ("REVOKED", "Licence revoked on June 1, 2025 - this agency may not recruit you")
    assert 'class="status bad"' in html and "✖" in html
    assert "Passports retained." in html and "No rating: only agencies with a valid licence are rated." in html


def test_suspended_agency_is_shown_suspended_in_filipino(client, ph_regulator):
    agency = agency_with_licence(client, ph_regulator, state="suspended")
    client.set_cookie("lang", "fil")
    label, sentence = status_box(client.get(f"/agencies/{agency['id']}").get_data(as_text=True))
    assert label == "SUSPENDIDO" and sentence.startswith("Suspendido hanggang sa susunod na abiso")


def test_agency_without_any_licence_may_not_recruit(client, ph_regulator):
    agency = create_agency(client, ph_regulator)
    assert status_box(client.get(f"/agencies/{agency['id']}").get_data(as_text=True))[0] == "NO LICENCE"


def test_agency_page_lists_officers_other_names_and_history_but_never_id_numbers(client, ph_regulator):
    agency = agency_with_licence(client, ph_regulator, state="suspended")
    html = client.get(f"/agencies/{agency['id']}").get_data(as_text=True)
    assert "Rosalind Quibranza" in html and "Kalovaren Travel" in html and "Fees above the cap." in html
    assert "P1234567" not in html


def test_a_misspelt_name_finds_nothing_but_suggests_the_similar_agency(client, ph_regulator):
    agency = agency_with_licence(client, ph_regulator, state="revoked")
    response = client.get("/search?q=Kalovarren Manpowr")
    html = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "NOT IN THE REGISTRY" in html and "Recruiting workers without a licence is illegal." in html
    assert f'/agencies/{agency["id"]}' in html and "REVOKED" in html


def test_search_by_licence_number_lists_the_agency(client, ph_regulator):
    agency = agency_with_licence(client, ph_regulator)
    html = client.get("/search?q=dmw 001").get_data(as_text=True)
    assert f'/agencies/{agency["id"]}' in html and "Agencies found: 1" in html


def test_unknown_licence_number_warns_and_suggests_a_close_number(client, ph_regulator):
    agency = agency_with_licence(client, ph_regulator)
    response = client.get("/licences/PH/DMW-0001-LB")
    html = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "This licence number is not in the registry" in html and f'/agencies/{agency["id"]}' in html
    assert client.get("/licences/PH/DMW-001-LB").headers["Location"] == f"/agencies/{agency['id']}"


def test_fee_check_page_says_how_much_is_over_the_legal_maximum(client, app):
    from registry.fees.demo import seed_fees
    seed_fees()
    html = client.get("/fees/check", query_string={
        "origin": "PH", "destination": "SA", "sector": "construction", "monthly_salary": "30000", "currency": "PHP",
        "contract_months": "24", "category_0": "placement_fee", "amount_0": "45000", "currency_0": "PHP"}).get_data(as_text=True)
    assert "Too much: ₱15,000.00 over the legal maximum of ₱30,000.00. Do not pay the extra." in html
    assert "Legal basis:" in html


def test_fee_check_page_names_the_bad_field_instead_of_failing(client):
    response = client.get("/fees/check", query_string={"origin": "PH", "destination": "SA", "monthly_salary": "lots"})
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and 'id="monthly_salary-error"' in html


def test_employer_check_without_a_record_does_not_claim_the_employer_is_safe(client):
    html = client.get("/employers?q=Zorvath Holdings").get_data(as_text=True)
    assert "This does not prove the employer is safe." in html


def test_job_offer_reference_form_goes_to_the_verification_page(client):
    assert client.get("/job-offers?reference=ABC-123").headers["Location"] == "/verify/ABC-123"


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_need_no_javascript_and_load_nothing_from_other_sites(client, path):
    html = client.get(path).get_data(as_text=True)
    assert "<script" not in html
    assert not re.findall(r'(?:src|href)="(?:https?:)?//', html)
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_each_public_page_with_its_css_weighs_under_100_kb(client, path):
    html = client.get(path).get_data()
    css = client.get("/static/site.css").get_data()
    assert len(html) + len(css) < 100 * 1024


def test_form_fields_have_labels(client):
    html = client.get("/complaints/new").get_data(as_text=True)
    ids = set(re.findall(r'<(?:input|select|textarea)[^>]* id="([^"]+)"', html))
    labelled = set(re.findall(r'<label for="([^"]+)"', html))
    assert ids and ids <= labelled


def test_employer_check_shows_a_convicted_employer_with_its_case(client, ph_regulator):
    from tests.watchlist.helpers import convict, create_case, create_subject

    subject = create_subject(client, ph_regulator)
    case = create_case(client, ph_regulator, [subject["id"]])
    convict(client, ph_regulator, case["id"], subject["id"])
    html = client.get("/employers?q=vellamar builders").get_data(as_text=True)
    assert "CONVICTED" in html and "Zarqan Vellamar Contracting Est. (PH)" in html and "CRIM-T-001" in html
    assert "INTERNAL-NOTE" not in html
