from django.urls import path
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
]
