from django.urls import path

from victimcare.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.start, name="start"),
    path("code/", views.code, name="code"),
    path("sign-out/", views.sign_out, name="sign-out"),
    path("language/", views.choose_language, name="language"),
    path("your-case/", views.home, name="home"),
    path("updates/", views.updates, name="updates"),
    path("message/", views.message, name="message"),
    path("complaint/", views.complaint, name="complaint"),
    path("consents/", views.consents, name="consents"),
    path("consents/<int:consent_id>/", views.consent_change, name="consent-change"),
    path("support/", views.support, name="support"),
    path("survey/", views.survey, name="survey"),
    path("about-you/", views.about_you, name="about-you"),
    path("staff/<int:case_id>/messages/<int:event_id>/reply/", views.staff_reply, name="staff-reply"),
    path("staff/<int:case_id>/complaints/<int:event_id>/acknowledge/", views.staff_acknowledge,
         name="staff-acknowledge"),
]
