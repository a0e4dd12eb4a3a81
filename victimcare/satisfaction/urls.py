from django.urls import path

from victimcare.satisfaction import views

app_name = "satisfaction"

urlpatterns = [
    path("cases/<int:case_id>/by-phone/", views.record_by_phone, name="record-by-phone"),
]
