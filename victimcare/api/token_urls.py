from django.urls import path

from victimcare.api import token_views

app_name = "api-tokens"
urlpatterns = [
    path("", token_views.token_list, name="list"),
    path("issue/", token_views.token_issue, name="issue"),
    path("<int:token_id>/revoke/", token_views.token_revoke, name="revoke"),
]
