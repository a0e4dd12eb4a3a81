from django.urls import path

from victimcare.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
    path("<int:case_id>/", views.case_detail, name="detail"),
    path("<int:case_id>/decisions/new/", views.record_decision, name="record-decision"),
    path("<int:case_id>/commitments/<int:commitment_id>/informed/", views.record_informed, name="record-informed"),
    path("<int:case_id>/close/", views.close, name="close"),
    path("<int:case_id>/access-log/", views.access_log, name="access-log"),
]
