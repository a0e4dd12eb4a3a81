from django.urls import path

from victimcare.worklists import views

app_name = "worklists"
urlpatterns = [
    path("my-cases/", views.my_cases, name="my-cases"),
    path("team/", views.team, name="team"),
    path("cases/<int:case_id>/reassign/", views.reassign, name="reassign"),
]
