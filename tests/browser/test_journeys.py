"""End-to-end journeys in headless Chromium: a worker on a small phone without JavaScript, and a regulator at a desk."""
import re

from playwright.sync_api import expect

from tests.browser.conftest import REGULATOR
from tests.browser.helpers import screenshot


def test_worker_on_a_phone_finds_a_misspelt_agency_and_reads_banned_in_filipino(phone):
    phone.goto("/")
    screenshot(phone, "home")
    phone.get_by_role("link", name="Filipino").click()
    phone.get_by_label("Pangalan ng ahensya o numero ng lisensya").fill("Velmorra Oversees Manpower")
    phone.get_by_role("button", name="Hanapin").click()
    expect(phone.get_by_text("Ito ba ang hinahanap mo?")).to_be_visible()
    screenshot(phone, "search-did-you-mean-fil")
    phone.get_by_role("link", name="Velmora Overseas Manpower Inc.").click()
    status = phone.locator(".status").first
    expect(status).to_contain_text("PINAGBAWALAN")  # revoked with a ban: banned, never "licensed" or only "revoked"
    assert "Bawal nang mag-recruit ang ahensyang ito" in status.inner_text()
    page = phone.locator("main").inner_text()
    assert page.count("Bawal nang mag-recruit ang ahensyang ito") == 1  # said once, in the status
    assert "BINAWI" in page and "Binawi ang lisensya noong" in page and "hindi ka puwedeng i-recruit" in page
    assert phone.evaluate("document.documentElement.scrollWidth") <= 360  # nothing wider than the phone
    screenshot(phone, "agency-revoked-fil")
    phone.get_by_role("link", name="ខ្មែរ").click()
    expect(phone.locator("main")).to_contain_text("ត្រូវបានដកហូត")
    screenshot(phone, "agency-revoked-km")


def test_worker_checks_a_fee_over_the_cap(phone):
    phone.goto("/fees/check")
    phone.get_by_label("Country you leave from").select_option("PH")
    phone.get_by_label("Country where you will work").select_option("SA")
    phone.get_by_label("Type of work").select_option("construction")
    phone.get_by_label("Monthly salary").fill("30000")
    phone.get_by_label("Currency of the salary").select_option("PHP")
    phone.get_by_label("Length of the contract in months").fill("24")
    phone.locator("#category_0").select_option("placement_fee")
    phone.locator("#amount_0").fill("45000")
    phone.locator("#currency_0").select_option("PHP")
    phone.get_by_role("button", name="Check the fees").click()
    expect(phone.get_by_role("heading", name="The answer")).to_be_visible()
    answer = phone.locator(".status").first.inner_text()
    assert "Too much: ₱15,000.00 over the legal maximum of ₱30,000.00" in answer
    screenshot(phone, "fee-check-over-cap")


def test_worker_files_a_complaint_and_reads_its_status_with_the_code(phone):
    phone.goto("/complaints/new")
    phone.get_by_label("Agency name").fill("Velmora Overseas Manpower Inc.")
    phone.get_by_label("Country where you were recruited").select_option("PH")
    phone.get_by_label("My passport or ID was taken from me").check()
    phone.get_by_label("Tell us in your own words").fill("The agency kept my passport and asked for 50,000 pesos.")
    phone.get_by_label("Amount you paid").fill("50000")
    phone.locator("#currency").select_option("PHP")
    phone.get_by_role("button", name="Send the complaint").click()
    expect(phone.get_by_text("COMPLAINT RECEIVED")).to_be_visible()
    code = phone.locator("#tracking-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{4}(-[A-Z2-9]{4}){3}", code)
    screenshot(phone, "complaint-code")
    phone.goto("/complaints/track")
    phone.get_by_label("Your tracking code").fill(code.lower())
    phone.get_by_role("button", name="Show the status").click()
    expect(phone.locator("#complaint-status")).to_have_text("Received - waiting for the regulator")


def _log_in(page):
    page.goto("/console/login")
    page.get_by_label("Email").fill(REGULATOR[0])
    page.get_by_label("Password").fill(REGULATOR[1])
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Regulator console")).to_be_visible()


def test_regulator_revokes_a_licence_and_the_public_page_then_shows_it_revoked(desk, phone):
    licensed = desk.request.get("/api/v1/agencies?country=PH&status=valid").json()["items"][0]["name"]
    _log_in(desk)
    desk.get_by_role("link", name="Agencies", exact=True).click()
    desk.get_by_label("Name, other name or licence number").fill(licensed)
    desk.get_by_role("button", name="Search").click()
    desk.get_by_role("link", name=licensed).click()
    agency_path = desk.get_by_role("link", name="Public page").get_attribute("href")
    phone.goto(agency_path)
    assert "LICENSED" in phone.locator(".status").first.inner_text()
    form = desk.locator("form", has=desk.get_by_role("button", name="Record the action")).first
    form.get_by_label("Record an action").select_option("revoke")
    form.get_by_label("Reason").fill("Charged placement fees to household workers.")
    form.get_by_role("button", name="Record the action").click()
    expect(desk.get_by_text("it is now revoked")).to_be_visible()
    screenshot(desk, "console-agency-revoked")
    phone.goto(agency_path)
    expect(phone.locator(".status").first).to_contain_text("REVOKED")


def test_the_console_refuses_a_form_without_its_csrf_token(desk):
    _log_in(desk)
    desk.goto("/console/agencies?q=Velmora Overseas")
    desk.get_by_role("link", name="Velmora Overseas Manpower Inc.").click()
    expect(desk.get_by_role("heading", name="Velmora Overseas Manpower Inc. (PH)")).to_be_visible()
    desk.evaluate("document.querySelectorAll('input[name=csrf_token]').forEach(e => e.remove())")
    form = desk.locator("form", has=desk.get_by_role("button", name="Record the action")).first
    form.get_by_label("Record an action").select_option("suspend")
    form.get_by_label("Reason").fill("Tampered form")
    with desk.expect_response(lambda r: "/actions" in r.url) as sent:
        form.get_by_role("button", name="Record the action").click()
    assert sent.value.status == 400
    expect(desk.get_by_text("This form has expired or was not sent from this site.")).to_be_visible()
