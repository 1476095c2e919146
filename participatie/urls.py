app_name = "participatie"

urlpatterns: list = []
