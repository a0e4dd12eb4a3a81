from django.urls import path

from victimcare.notifications import views

app_name = "notifications"

urlpatterns = [
    path("<int:message_id>/letter.pdf", views.letter_pdf, name="letter"),
]
