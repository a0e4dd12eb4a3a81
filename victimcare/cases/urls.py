from django.urls import path

from victimcare.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="list"),
]
