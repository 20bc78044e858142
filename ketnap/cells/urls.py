from django.urls import path

from ketnap.cells import views

app_name = "cells"
urlpatterns = [
    path("to-chuc/<slug:code>/", views.index, name="index"),
    path("to-chuc/<slug:code>/hop-moi/", views.meeting_new, name="meeting_new"),
    path("to-chuc/<slug:code>/dang-phi/", views.dues, name="dues"),
    path("to-chuc/<slug:code>/thuong-ky/", views.regularity, name="regularity"),
    path("to-chuc/<slug:code>/canh-bao/", views.flags, name="flags"),
    path("to-chuc/<slug:code>/di-lam-an-xa/", views.away_new, name="away_new"),
    path("to-chuc/<slug:code>/thi-diem-to-dang/", views.pilot_new, name="pilot_new"),
    path("buoi-hop/<int:pk>/", views.meeting_detail, name="meeting"),
    path("buoi-hop/<int:pk>/sua/", views.meeting_edit, name="meeting_edit"),
    path("buoi-hop/<int:pk>/nghi-quyet/", views.resolution_new, name="resolution_new"),
    path("xem-xet/<int:pk>/", views.review, name="review"),
]
