from django.urls import path

from victimcare.property import views

app_name = "property"
urlpatterns = [
    path("", views.register, name="register"),
    path("cases/<int:case_id>/seize/", views.seize, name="seize"),
    path("items/<int:item_id>/", views.item_page, name="item"),
    path("items/<int:item_id>/move/", views.move, name="move"),
    path("items/<int:item_id>/review/", views.review, name="review"),
    path("items/<int:item_id>/no-longer-needed/", views.no_longer_needed, name="no-longer-needed"),
    path("items/<int:item_id>/owner-told/", views.owner_told, name="owner-told"),
    path("items/<int:item_id>/arrange-return/", views.arrange_return, name="arrange-return"),
    path("items/<int:item_id>/returned/", views.returned, name="returned"),
    path("items/<int:item_id>/dispose/", views.dispose, name="dispose"),
]
