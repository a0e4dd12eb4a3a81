from django.urls import path

from victimcare.uploads import views

app_name = "uploads"
urlpatterns = [
    path("<uuid:key>/", views.serve, name="serve"),
    path("property/<int:item_id>/photographs/", views.photographs, name="photographs"),
    path("photographs/<uuid:key>/remove/", views.remove_photograph, name="remove-photograph"),
    path("cases/<int:case_id>/letters/", views.documents, name="documents"),
    path("letters/<uuid:key>/remove/", views.remove_document, name="remove-document"),
]
