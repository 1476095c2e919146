from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("inloggen/", views.LoginView.as_view(), name="login"),
    path("uitloggen/", views.LogoutView.as_view(), name="logout"),
    path("health/", views.health, name="health"),
    path("thema.css", views.theme_css, name="theme_css"),
    path("favicon.ico", views.favicon, name="favicon"),
]
