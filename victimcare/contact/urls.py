app_name = "contact"
urlpatterns: list = []
