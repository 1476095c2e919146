app_name = "routekaart"

urlpatterns: list = []
