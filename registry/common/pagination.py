"""Query-string pagination shared by every list endpoint, with a hard cap on page size."""
from flask import current_app
from marshmallow import Schema, fields, validate, ValidationError, validates


class PageArgs(Schema):
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100000))
    per_page = fields.Integer(load_default=20, validate=validate.Range(min=1),
                              metadata={"maximum": 100, "description": "At most MAX_PER_PAGE (100)"})

    @validates("per_page")
    def _cap(self, value, **kwargs):
        cap = current_app.config["MAX_PER_PAGE"]
        if value > cap:
            raise ValidationError(f"per_page may be at most {cap}.")


def page_schema(item_schema, name: str):
    """A response schema {items, page, per_page, total, pages} around `item_schema`."""
    return type(name, (Schema,), {
        "items": fields.List(fields.Nested(item_schema), required=True),
        "page": fields.Integer(required=True),
        "per_page": fields.Integer(required=True),
        "total": fields.Integer(required=True),
        "pages": fields.Integer(required=True),
    })


def page_body(items, total: int, page: int, per_page: int) -> dict:
    return {"items": items, "page": page, "per_page": per_page, "total": total,
            "pages": (total + per_page - 1) // per_page}
