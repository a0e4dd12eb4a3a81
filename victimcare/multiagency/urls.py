from django.urls import path

from victimcare.multiagency import views

app_name = "multiagency"
urlpatterns = [
    path("", views.meetings, name="meetings"),
    path("meetings/new/", views.meeting_create, name="meeting-create"),
    path("meetings/<int:meeting_id>/", views.meeting, name="meeting"),
    path("meetings/<int:meeting_id>/agenda/add/", views.agenda_add, name="agenda-add"),
    path("agenda/<int:item_id>/actions/new/", views.action_add, name="action-add"),
    path("actions/<int:action_id>/done/", views.action_done, name="action-done"),
    path("actions/<int:action_id>/cancel/", views.action_cancel, name="action-cancel"),
    path("flagged/", views.flagged, name="flagged"),
    path("cases/<int:case_id>/flag/", views.flag, name="flag"),
    path("cases/<int:case_id>/withdraw-flag/", views.withdraw, name="withdraw"),
]
