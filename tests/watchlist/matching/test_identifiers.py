"""Identifier normalisation: registration numbers, phones, e-mails, websites, addresses."""
from watchlist.matching import normalise_identifier
from watchlist.matching.identifiers import identifier_key


def test_registration_number_is_uppercase_alphanumeric():
    assert normalise_identifier("registration_no", " reg-2019/00123 ") == "REG201900123"


def test_phone_numbers_compare_on_last_nine_digits():
    assert normalise_identifier("phone", "+63 917 123 4567") == "639171234567"
    assert identifier_key("phone", "+63 917 123 4567") == identifier_key("phone", "09171234567")


def test_email_is_lowercased_and_stripped():
    assert normalise_identifier("email", "  Info@SinarJaya.COM ") == "info@sinarjaya.com"
    assert normalise_identifier("email", "not an email") is None


def test_website_keeps_only_the_domain():
    assert normalise_identifier("website", "https://www.SinarJaya.com.my/about?x=1") == "sinarjaya.com.my"
    assert normalise_identifier("website", "sinarjaya.com.my") == "sinarjaya.com.my"


def test_address_is_normalised_tokens():
    assert normalise_identifier("address", "12, Jln. Ampang, K.L.") == "12 jalan ampang kl"


def test_empty_identifier_is_none():
    assert normalise_identifier("phone", "") is None
    assert normalise_identifier("registration_no", "---") is None
