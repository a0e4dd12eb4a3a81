from django.contrib import admin
from django.urls import include, path

from victimcare.accounts.views import home

urlpatterns = [
    path("", home, name="home"),
    path("", include("victimcare.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("cases/", include("victimcare.cases.urls")),
    path("report/", include("victimcare.firstcontact.urls")),
    path("response/", include("victimcare.response.urls")),
    path("contact/", include("victimcare.contact.urls")),
    path("work/", include("victimcare.worklists.urls")),
    path("support/", include("victimcare.support.urls")),
    path("neighbourhood/", include("victimcare.neighbourhood.urls")),
    path("sharing/", include("victimcare.sharing.urls")),
    path("multi-agency/", include("victimcare.multiagency.urls")),
    path("court/", include("victimcare.court.urls")),
    path("property/", include("victimcare.property.urls")),
    path("files/", include("victimcare.uploads.urls")),
    path("messages/", include("victimcare.notifications.urls")),
    path("portal/", include("victimcare.portal.urls")),
    path("equality/", include("victimcare.equality.urls")),
    path("data-protection/", include("victimcare.dataprotection.urls")),
    path("satisfaction/", include("victimcare.satisfaction.urls")),
    path("monitoring/", include("victimcare.monitoring.urls")),
    path("api/", include("victimcare.api.urls")),
    path("api-tokens/", include("victimcare.api.token_urls")),
    path("admin/", admin.site.urls),
    path("", include("victimcare.operations.urls")),
]
