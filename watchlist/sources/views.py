"""Sources API: the sources, and the entities other sources list, apart from this registry's own watchlist.

The public sees public sources only, each entity as "listed by SOURCE" with the source's link; verifiers,
regulators and admins see every source and the identifiers and contacts.
"""
from flask_smorest import Blueprint
from marshmallow import Schema, fields

from registry.auth.guard import has_role
from registry.common.pagination import page_body, page_schema
from watchlist.sources import service
from watchlist.subjects.schemas import WatchlistSearchArgs

blp = Blueprint("sources", __name__, url_prefix="/api/v1",
                description="Other registries and public sanctions or debarment lists imported as screening sources.")
TRUSTED = ("verifier", "regulator", "admin")


class SourceSchema(Schema):
    slug = fields.String()
    name = fields.String()
    publisher = fields.String()
    url = fields.String(allow_none=True)
    licence = fields.String(allow_none=True)
    public = fields.Boolean()
    last_import_at = fields.DateTime(allow_none=True)
    entities = fields.Integer(metadata={"description": "Live (not retired) people and organisations"})


class ListedBy(Schema):
    source = fields.String()
    name = fields.String()
    publisher = fields.String()
    url = fields.String(allow_none=True)


class ListedEntitySchema(Schema):
    """An entity another source lists: its standing and sanctions are that source's, not this registry's."""

    id = fields.Integer()
    entity_id = fields.String()
    schema = fields.String()
    name = fields.String()
    names = fields.List(fields.String())
    countries = fields.List(fields.String())
    listed_by = fields.Nested(ListedBy)
    standing = fields.String(metadata={"description": "The source's: convicted, debarred, sanctioned or listed"})
    sanctions = fields.List(fields.Dict())
    first_seen = fields.DateTime()
    last_seen = fields.DateTime()
    identifiers = fields.List(fields.Dict(), metadata={"description": "Verifiers, regulators and admins only"})
    addresses = fields.List(fields.String())
    phones = fields.List(fields.String())
    emails = fields.List(fields.String())
    websites = fields.List(fields.String())
    topics = fields.List(fields.String())
    source_public = fields.Boolean()


class SourcesResponse(Schema):
    sources = fields.List(fields.Nested(SourceSchema))


@blp.route("/sources")
@blp.response(200, SourcesResponse)
def list_sources():
    """The screening sources: public ones for everyone, all of them for verifiers, regulators and admins."""
    return {"sources": service.list_sources(has_role(*TRUSTED))}


@blp.route("/watchlist/listed")
@blp.arguments(WatchlistSearchArgs, location="query")
@blp.response(200, page_schema(ListedEntitySchema, "ListedPage"))
def search_listed(args):
    """People and organisations listed by other sources (not decisions of this registry), by name and country."""
    items, total = service.search_listed(args.get("q"), args.get("country"), has_role(*TRUSTED), args["page"],
                                         args["per_page"])
    return page_body(items, total, args["page"], args["per_page"])
