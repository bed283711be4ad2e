"""Languages of the public pages and API errors: locale selection (cookie, then Accept-Language) and Babel formatting."""
from datetime import date
from decimal import Decimal
from pathlib import Path

from flask import Flask, has_request_context, request
from flask_babel import format_currency, format_date, format_decimal, get_locale, gettext, lazy_gettext, refresh

from registry.extensions import babel

# Code -> the language's own name, shown in the switcher so a worker recognises it without reading English.
LANGUAGES = {
    "en": "English",
    "id": "Bahasa Indonesia",
    "fil": "Filipino",
    "vi": "Tiếng Việt",
    "th": "ไทย",
    "km": "ខ្មែរ",
    "my": "မြန်မာ",
    "ne": "नेपाली",
}
DEFAULT_LOCALE = "en"
COOKIE = "lang"
# Browsers send these tags for the same languages (Tagalog is sent as "tl").
ALIASES = {"tl": "fil", "in": "id", "bur": "my", "mya": "my", "khm": "km", "nep": "ne"}


def normalise(code: str | None) -> str | None:
    """A supported locale code for `code` ("fil", "tl-PH", "id_ID" ...), or None."""
    if not code:
        return None
    base = code.replace("_", "-").split("-")[0].lower()
    base = ALIASES.get(base, base)
    return base if base in LANGUAGES else None


def select_locale() -> str:
    """The explicit choice kept in the `lang` cookie, else the best Accept-Language match, else English."""
    if not has_request_context():
        return DEFAULT_LOCALE
    chosen = normalise(request.cookies.get(COOKIE))
    if chosen:
        return chosen
    for tag, _quality in request.accept_languages:
        match = normalise(tag)
        if match:
            return match
    return DEFAULT_LOCALE


def current_locale() -> str:
    locale = get_locale()
    return str(locale) if locale else DEFAULT_LOCALE


def long_date(value: date | None) -> str:
    return format_date(value, "long") if value else ""


def money(amount: Decimal | None, currency: str | None) -> str:
    if amount is None:
        return ""
    return format_currency(Decimal(amount), currency) if currency else format_decimal(Decimal(amount))


def number(value) -> str:
    return format_decimal(value)


def translate(message):
    """Translate a message produced elsewhere (an API error) when the catalogue has it; otherwise keep it."""
    if not isinstance(message, str) or not has_request_context():
        return message
    return gettext(message) if message else message


def init_i18n(app: Flask) -> None:
    app.config.setdefault("BABEL_DEFAULT_LOCALE", DEFAULT_LOCALE)
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(Path(__file__).resolve().parent / "translations"))
    babel.init_app(app, locale_selector=select_locale)
    app.before_request(refresh)  # the locale is cached per app context, which tests and CLI reuse across requests
    app.jinja_env.add_extension("jinja2.ext.i18n")
    app.jinja_env.filters.update(long_date=long_date, money=money, number=number)
    app.jinja_env.globals.update(LANGUAGES=LANGUAGES, current_locale=current_locale)


# Generic API error messages a worker may read; marked here so they are extracted and translated.
# registry.errors passes every message and field error through `translate`.
API_MESSAGES = (
    lazy_gettext("The request has invalid fields: see 'errors'."),
    lazy_gettext("Missing data for required field."),
    lazy_gettext("Not a valid string."),
    lazy_gettext("Not a valid integer."),
    lazy_gettext("Not a valid number."),
    lazy_gettext("Not a valid email address."),
    lazy_gettext("Must be one of: overcharging, contract_substitution, passport_retention, unpaid_wages, "
                 "abuse_or_threats, deception, other."),
    lazy_gettext("Something went wrong on our side. The error has been logged."),
    lazy_gettext("The registry database is unavailable. Please try again shortly."),
    lazy_gettext("Too many requests. Please wait a moment and try again."),
    lazy_gettext("No complaint has this tracking code. Check the code and try again."),
    lazy_gettext("Name the agency (licence number or name) or the employer you complain about."),
    lazy_gettext("Tell us what happened."),
    lazy_gettext("Amount must be zero or more."),
    lazy_gettext("The requested URL was not found on the server. If you entered the URL manually please check your "
                 "spelling and try again."),
)
