from django.urls import path

from victimcare.dataprotection import views

app_name = "dataprotection"

urlpatterns = [
    path("", views.start, name="start"),
    path("victims/<int:victim_id>/", views.victim, name="victim"),
    path("victims/<int:victim_id>/requests/new/", views.request_new, name="request-new"),
    path("victims/<int:victim_id>/correct/", views.correct, name="correct"),
    path("requests/<int:request_id>/", views.request_detail, name="request"),
    path("requests/<int:request_id>/export/", views.request_export, name="export"),
    path("cases/<int:case_id>/correct/", views.case_correct, name="case-correct"),
    path("retention/", views.queue, name="queue"),
    path("retention/<int:review_id>/", views.review, name="review"),
    path("retention/<int:review_id>/anonymise/", views.anonymise, name="anonymise"),
]
