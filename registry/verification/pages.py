"""The printable verification page, with a QR code (SVG made locally with segno) that opens it again."""
import io

import segno
from flask import Blueprint, render_template, url_for
from markupsafe import Markup

from registry.domain import NotFound
from registry.verification import service

bp = Blueprint("verification_pages", __name__)


def qr_svg(url: str) -> Markup:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", xmldecl=False, svgns=True, scale=4, border=2,
                                    title="QR code: open this verification")
    return Markup(buffer.getvalue().decode("utf-8"))


@bp.route("/verify/<string:reference>")
def page(reference):
    try:
        record = service.get_by_reference(reference)
    except NotFound:
        return render_template("verification/not_found.html"), 404
    url = url_for("verification_pages.page", reference=reference, _external=True)
    return render_template("verification/page.html", record=record, reference=reference, url=url, qr=qr_svg(url),
                           api_url=url_for("verification.get_verification", reference=reference))
