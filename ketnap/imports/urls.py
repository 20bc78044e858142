from django.urls import path

from ketnap.imports import views

app_name = "imports"
urlpatterns = [
    path("to-chuc/<slug:code>/", views.index, name="index"),
    path("to-chuc/<slug:code>/mau/<slug:kind>/", views.template, name="template"),
    path("to-chuc/<slug:code>/xuat/<slug:kind>/", views.export, name="export"),
    path("tep/<int:pk>/", views.upload, name="upload"),
    path("nguoi/<int:pk>/gop/", views.merge, name="merge"),
]
