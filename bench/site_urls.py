"""The application's URLs plus /bench/signed-in/: a view that does nothing for a signed-in, two-factor-verified
user, through every middleware. It is the framework's ceiling for a staff page: the session, the user and the
two-factor check that any signed-in page pays for, and nothing else (no query of its own, no template)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import include, path

SIGNED_IN_PATH = "/bench/signed-in/"


@login_required
def signed_in(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path(SIGNED_IN_PATH.strip("/") + "/", signed_in), path("", include("victimcare.urls"))]
