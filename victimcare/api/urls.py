from django.urls import path, re_path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from victimcare.api import views
from victimcare.api.reference import api_reference
from victimcare.sharing import api as sharing_api

router = SimpleRouter()
router.register("crimes", views.CrimeViewSet, basename="crime")
router.register("cases", views.CaseViewSet, basename="case")
router.register("commitments", views.CommitmentViewSet, basename="commitment")
router.register("shared-cases", sharing_api.SharedCaseViewSet, basename="shared-case")

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", api_reference, name="docs"),
    *router.urls,
    # Anything else under /api/ ending in a slash (an id that is not a number, a path that does not exist): the
    # API's own 404 in JSON, not the web pages' HTML one. Without the slash, Django first redirects to it.
    re_path(r"^(?P<rest>.*/)$", views.not_found, name="not-found"),
]
