from django.urls import path

from victimcare.response import views

app_name = "response"
urlpatterns = [
    path("control-room/", views.control_room, name="control-room"),
    path("cases/<int:case_id>/dispatch/", views.dispatch, name="dispatch"),
    path("cases/<int:case_id>/attendance/", views.attendance, name="attendance"),
    path("cases/<int:case_id>/no-attendance/", views.declined, name="declined"),
    path("cases/<int:case_id>/re-grade/", views.regrade, name="regrade"),
]
