from django.urls import path

from ketnap.programs import views

app_name = "programs"
urlpatterns = [
    path("", views.program_list, name="programs"),
    path("xuat-excel/", views.program_list_xlsx, name="programs_xlsx"),
    path("<slug:code>/", views.program_detail, name="program"),
    path("<slug:code>/xuat-excel/", views.program_xlsx_view, name="program_xlsx"),
    path("<slug:code>/them-chi-tieu/", views.target_add, name="target_add"),
    path("<slug:code>/tham-gia-sinh-hoat/", views.support_add, name="support_add"),
    path("<slug:code>/phu-trach-ho/", views.household_add, name="household_add"),
]
