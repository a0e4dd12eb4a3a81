from django.urls import path

from victimcare.operations import views

app_name = "operations"

urlpatterns = [
    path("health/live/", views.live, name="health-live"),
    path("health/ready/", views.ready, name="health-ready"),
    path("metrics", views.metrics, name="metrics"),
]
