"""Languages: every public string is translated, the cookie beats Accept-Language, and API errors follow the reader's language."""
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from registry.i18n import LANGUAGES

ROOT = Path(__file__).resolve().parents[3]
TRANSLATIONS = ROOT / "registry" / "translations"


def _extracted_messages() -> set[str]:
    with open(ROOT / "registry" / "babel.cfg") as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords={"_": None, "gettext": None, "lazy_gettext": None,
                                                          "ngettext": (1, 2)}):
        found.add(message if isinstance(message, str) else message[0])
    return found


@pytest.mark.parametrize("locale", [code for code in LANGUAGES if code != "en"])
def test_every_public_template_and_api_string_has_a_translation(locale):
    catalogue = read_po(open(TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po", "rb"))
    translated = {m.id if isinstance(m.id, str) else m.id[0]: m for m in catalogue if m.id}
    messages = _extracted_messages()
    assert len(messages) > 150
    missing = sorted(m for m in messages if m not in translated or not translated[m].string or translated[m].fuzzy)
    assert not missing, f"{locale} lacks translations for: {missing[:10]}"


def test_extraction_sees_the_public_pages_but_not_the_console():
    messages = _extracted_messages()
    assert "Licence revoked on %(date)s - this agency may not recruit you" in messages
    assert "File a complaint" in messages
    assert "Log in" not in messages


def test_language_cookie_wins_over_accept_language(client):
    client.set_cookie("lang", "vi")
    html = client.get("/", headers={"Accept-Language": "th"}).get_data(as_text=True)
    assert 'lang="vi"' in html and "Gửi khiếu nại" in html


def test_accept_language_picks_a_supported_language_and_tagalog_means_filipino(client):
    assert "Magreklamo" in client.get("/", headers={"Accept-Language": "tl-PH,tl;q=0.9"}).get_data(as_text=True)
    assert "उजुरी दिनुहोस्" in client.get("/", headers={"Accept-Language": "ne"}).get_data(as_text=True)
    assert "File a complaint" in client.get("/", headers={"Accept-Language": "de"}).get_data(as_text=True)


def test_language_switch_keeps_the_choice_in_a_cookie_and_redirects_only_within_the_site(client):
    response = client.get("/lang/km?next=/open-data")
    assert response.status_code == 302 and response.headers["Location"] == "/open-data"
    assert "lang=km" in response.headers["Set-Cookie"] and "HttpOnly" in response.headers["Set-Cookie"]
    assert "ទិន្នន័យបើកចំហ" in client.get("/open-data").get_data(as_text=True)
    assert client.get("/lang/km?next=https://evil.example/").headers["Location"] == "/"
    assert client.get("/lang/xx").status_code == 404


def test_unknown_licence_message_of_the_api_is_in_the_readers_language(client):
    body = client.get("/api/v1/licences/PH/NOPE-404", headers={"Accept-Language": "id"}).get_json()
    assert body["status"] == "not_found"
    assert body["message"].startswith("Izin nomor NOPE-404 dari PH tidak ada di registri.")


def test_field_errors_of_the_complaint_api_are_translated(client):
    body = client.post("/api/v1/complaints", json={}, headers={"Accept-Language": "fil"}).get_json()
    assert body["errors"]["json"]["category"] == ["Kailangang sagutan ito."]
    assert body["message"] == "May mga maling sagot sa kahilingan: tingnan ang 'errors'."


def test_dates_and_money_are_formatted_for_the_locale(app):
    from datetime import date
    from decimal import Decimal

    from flask_babel import force_locale

    from registry.i18n import long_date, money
    with app.test_request_context("/"):
        assert long_date(date(2027, 3, 3)) == "March 3, 2027"
        with force_locale("vi"):
            assert long_date(date(2027, 3, 3)) == "3 tháng 3, 2027"
        with force_locale("fil"):
            assert money(Decimal("45000"), "PHP") == "₱45,000.00"
