from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="cases:list", permanent=False), name="home"),
    path("", include("victimcare.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("cases/", include("victimcare.cases.urls")),
    path("report/", include("victimcare.firstcontact.urls")),
    path("response/", include("victimcare.response.urls")),
    path("contact/", include("victimcare.contact.urls")),
    path("work/", include("victimcare.worklists.urls")),
    path("api/", include("victimcare.api.urls")),
    path("admin/", admin.site.urls),
]
