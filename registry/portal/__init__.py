"""The public worker portal: server-rendered pages in the worker's language, no JavaScript needed."""
from flask import Blueprint

bp = Blueprint("portal", __name__)

from registry.portal import views, complaint_pages, other_pages  # noqa: E402,F401 - register routes
