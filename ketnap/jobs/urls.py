from django.urls import path

from ketnap.jobs import views

app_name = "jobs"
urlpatterns = [
    path("", views.index, name="index"),
    path("to-chuc/<slug:code>/", views.start, name="start"),
    path("viec/<int:pk>/", views.detail, name="detail"),
    path("viec/<int:pk>/tai-ve/", views.download, name="download"),
    path("viec/<int:pk>/huy/", views.cancel, name="cancel"),
]
