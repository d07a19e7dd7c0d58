"""The JSON API at /api/v1/, its OpenAPI document at /api/v1/openapi.json."""

from sausat.cadres.api import router as cadres_router
from sausat.core.api import router as me_router
from sausat.core.api_schema import SausatAPI
from sausat.directives.api import router as directives_router
from sausat.geo.api import router as geo_router
from sausat.liaison.api import router as liaison_router
from sausat.meetings.api import router as meetings_router
from sausat.opinions.api import router as opinions_router
from sausat.people.api import router as people_router

api = SausatAPI(
    title="Sâu sát API",
    version="1",
    description="JSON API of Sâu sát. Authenticate with 'Authorization: Bearer <token>' or a session.",
    docs_url=None,
    urls_namespace="api",
)
api.add_router("/me", me_router)
api.add_router("/units", geo_router)
api.add_router("/people", people_router)
api.add_router("/meetings", meetings_router)
api.add_router("/opinions", opinions_router)
api.add_router("/directives", directives_router)
api.add_router("/liaison", liaison_router)
api.add_router("/cadres", cadres_router)
