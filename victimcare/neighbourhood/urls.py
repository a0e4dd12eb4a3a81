from django.urls import path

from victimcare.neighbourhood import views

app_name = "neighbourhood"
urlpatterns = [
    path("", views.feed, name="feed"),
    path("notices/<int:notice_id>/", views.notice, name="notice"),
    path("notices/<int:notice_id>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("notices/<int:notice_id>/local-action/", views.local_action, name="local-action"),
    path("unrouted/", views.unrouted, name="unrouted"),
    path("subscriptions/", views.subscriptions, name="subscriptions"),
    path("teams/", views.team_list, name="teams"),
    path("teams/defaults/", views.default_teams, name="default-teams"),
    path("teams/<int:team_id>/wards/", views.team_wards, name="team-wards"),
]
