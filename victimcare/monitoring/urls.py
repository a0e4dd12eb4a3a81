from django.urls import path

from victimcare.monitoring import views

app_name = "monitoring"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("compliance/", views.compliance, name="compliance"),
    path("fairness/", views.fairness, name="fairness"),
    path("satisfaction/", views.satisfaction, name="satisfaction"),
    path("quarterly-return/", views.quarterly_return, name="quarterly-return"),
    path("quarterly-return/report.pdf", views.quarterly_report, name="quarterly-report"),
]
