from django.urls import path

from victimcare.firstcontact import views

app_name = "report"
urlpatterns = [
    path("", views.start, name="start"),
    path("<uuid:wizard_id>/victim/", views.victim, name="victim"),
    path("<uuid:wizard_id>/victim-details/", views.victim_details, name="victim-details"),
    path("<uuid:wizard_id>/incident/", views.incident, name="incident"),
    path("<uuid:wizard_id>/thrive/", views.thrive, name="thrive"),
    path("<uuid:wizard_id>/needs/", views.needs, name="needs"),
    path("<uuid:wizard_id>/vulnerability/", views.vulnerability, name="vulnerability"),
    path("<uuid:wizard_id>/dash/", views.dash, name="dash"),
    path("<uuid:wizard_id>/proposals/", views.proposals, name="proposals"),
    path("<uuid:wizard_id>/check/", views.check, name="check"),
    path("<uuid:wizard_id>/done/", views.done, name="done"),
    path("cases/<int:case_id>/acknowledgement/", views.acknowledgement, name="acknowledgement"),
    path("cases/<int:case_id>/acknowledgement/given/", views.acknowledgement_given, name="acknowledgement-given"),
]
