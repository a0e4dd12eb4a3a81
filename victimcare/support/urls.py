from django.urls import path

from victimcare.support import views

app_name = "support"
urlpatterns = [
    path("services/", views.directory, name="directory"),
    path("services/add/", views.service_edit, name="service-add"),
    path("services/<int:service_id>/", views.service_detail, name="service"),
    path("services/<int:service_id>/change/", views.service_edit, name="service-edit"),
    path("services/<int:service_id>/deactivate/", views.service_deactivate, name="service-deactivate"),
    path("cases/<int:case_id>/needs/", views.needs, name="needs"),
    path("cases/<int:case_id>/choice/", views.choice, name="choice"),
    path("cases/<int:case_id>/refer/", views.refer, name="refer"),
    path("referrals/", views.referrals, name="referrals"),
    path("referrals/<int:referral_id>/", views.referral, name="referral"),
    path("referrals/<int:referral_id>/update/", views.referral_update, name="referral-update"),
]
