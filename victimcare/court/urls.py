from django.urls import path

from victimcare.court import views

app_name = "court"
urlpatterns = [
    path("", views.witness_care, name="witness-care"),
    path("cases/<int:case_id>/", views.prosecution, name="prosecution"),
    path("cases/<int:case_id>/charge/", views.charge, name="charge"),
    path("cases/<int:case_id>/defendants/new/", views.defendant_add, name="defendant-add"),
    path("cases/<int:case_id>/charges/new/", views.charge_add, name="charge-add"),
    path("cases/<int:case_id>/hearings/new/", views.hearing_list, name="hearing-list"),
    path("cases/<int:case_id>/hearings/<int:hearing_id>/move/", views.hearing_move, name="hearing-move"),
    path("cases/<int:case_id>/hearings/<int:hearing_id>/cancel/", views.hearing_vacate, name="hearing-vacate"),
    path("cases/<int:case_id>/hearings/<int:hearing_id>/<slug:result>/", views.hearing_result,
         name="hearing-result"),
    path("cases/<int:case_id>/news/new/", views.news_add, name="news-add"),
    path("cases/<int:case_id>/news/<int:news_id>/told/", views.news_told, name="news-told"),
    path("cases/<int:case_id>/record/<slug:step>/", views.record, name="record"),
]
