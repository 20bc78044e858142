from django.urls import path

from ketnap.membership import views

app_name = "membership"
urlpatterns = [
    path("", views.index, name="index"),
    path("to-chuc/<slug:code>/", views.transfers, name="transfers"),
    path("danh-ba/", views.directory, name="directory"),
    path("nguoi/<int:pk>/chuyen-di/", views.send, name="send"),
    path("nguoi/<int:pk>/phai-chuyen/", views.plan, name="plan"),
    path("nguoi/<int:pk>/<slug:slug>/", views.record, name="record"),
    path("chuyen/<int:pk>/", views.transfer, name="transfer"),
    path("chuyen/<int:pk>/tiep-nhan/", views.receive, name="receive"),
    path("chuyen/<int:pk>/sua-ngay-den/", views.correct_arrival, name="correct_arrival"),
    path("chuyen/<int:pk>/tra-lai/", views.give_back, name="return"),
    path("su-kien/<int:pk>/sua/", views.correct, name="correct"),
    path("su-kien/<int:pk>/huy/", views.void, name="void"),
]
