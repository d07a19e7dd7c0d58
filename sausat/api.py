"""The JSON API at /api/v1/, its OpenAPI document at /api/v1/openapi.json."""

from ninja import NinjaAPI

from sausat.geo.api import router as geo_router
from sausat.people.api import router as people_router

api = NinjaAPI(
    title="Sâu sát API",
    version="1",
    description="JSON API of Sâu sát. Authenticate with 'Authorization: Bearer <token>' or a session.",
    docs_url=None,
    urls_namespace="api",
)
api.add_router("/units", geo_router)
api.add_router("/people", people_router)
