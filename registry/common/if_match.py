"""View helper: the record version a client wrote against, from the body's `version` or an If-Match header."""
from flask import request
from flask_smorest import abort


def if_match_version(body: dict) -> int:
    """The expected version from the body's `version` or an If-Match header (ETag "<version>"); 428 if neither."""
    header = request.headers.get("If-Match", "").strip().removeprefix("W/").strip('"')
    if header and not header.isdigit():
        abort(412, message="If-Match must be the ETag you read, e.g. \"3\".")
    version = body.pop("version", None)
    if header and version is not None and int(header) != version:
        abort(412, message="If-Match and version disagree.")
    version = version if version is not None else int(header) if header else None
    if version is None:
        abort(428, message="Send the version you read (field 'version' or an If-Match header) so concurrent edits are detected.",
              errors={"json": {"version": ["Missing data for required field."]}})
    return version
