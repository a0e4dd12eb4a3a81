app_name = "report"
urlpatterns: list = []
