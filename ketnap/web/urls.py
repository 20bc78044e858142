from django.urls import path

from ketnap.web import views

urlpatterns = [
    path("", views.home, name="home"),
]
