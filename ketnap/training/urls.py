from django.urls import path

from ketnap.training import views

app_name = "training"
urlpatterns = [
    path("", views.class_list, name="classes"),
    path("xuat-excel/", views.class_list_xlsx, name="classes_xlsx"),
    path("mo-lop/", views.class_create, name="class_create"),
    path("<int:pk>/", views.class_detail, name="class"),
    path("<int:pk>/xuat-excel/", views.class_enrolments_xlsx, name="enrolments_xlsx"),
    path("<int:pk>/them-hoc-vien/", views.enrol, name="enrol"),
    path("hoc-vien/<int:pk>/diem-danh/", views.attendance, name="attendance"),
    path("hoc-vien/<int:pk>/so-buoi/", views.attendance_overall, name="attendance_overall"),
    path("hoc-vien/<int:pk>/hoan-thanh/", views.complete, name="complete"),
    path("hoc-vien/<int:pk>/chung-nhan/", views.certificate, name="certificate"),
]
