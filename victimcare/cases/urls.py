from django.urls import path

from victimcare.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("<int:case_id>/", views.case_detail, name="detail"),
    path("<int:case_id>/contact/", views.case_section, {"section": "contact"}, name="contact"),
    path("<int:case_id>/support/", views.case_section, {"section": "support"}, name="support"),
    path("<int:case_id>/court/", views.case_section, {"section": "court"}, name="court"),
    path("<int:case_id>/documents/", views.case_section, {"section": "documents"}, name="documents"),
    path("<int:case_id>/timeline/", views.case_timeline, name="timeline"),
    path("<int:case_id>/decisions/new/", views.record_decision, name="record-decision"),
    path("<int:case_id>/commitments/<int:commitment_id>/informed/", views.record_informed, name="record-informed"),
    path("<int:case_id>/close/", views.close, name="close"),
    path("<int:case_id>/access-log/", views.access_log, name="access-log"),
]
