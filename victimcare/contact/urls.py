from django.urls import path

from victimcare.contact import views

app_name = "contact"
urlpatterns = [
    path("<int:case_id>/agreement/", views.agreement, name="agreement"),
    path("<int:case_id>/updates/new/", views.record_update, name="record-update"),
    path("<int:case_id>/updates/failed/", views.record_failed_attempt, name="record-failed-attempt"),
]
