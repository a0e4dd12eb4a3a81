from django.urls import path

from victimcare.equality import views

app_name = "equality"

urlpatterns = [
    path("cases/<int:case_id>/", views.case_answers, name="case-answers"),
]
