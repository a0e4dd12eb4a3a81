from django.urls import path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.routers import SimpleRouter

from victimcare.api import views

router = SimpleRouter()
router.register("crimes", views.CrimeViewSet, basename="crime")
router.register("cases", views.CaseViewSet, basename="case")
router.register("commitments", views.CommitmentViewSet, basename="commitment")

app_name = "api"
urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="api:schema"), name="docs"),
    *router.urls,
]
