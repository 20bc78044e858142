from django.urls import path

from ketnap.reports import views

app_name = "reports"
urlpatterns = [
    path("to-chuc/<slug:code>/tang-giam/", views.report_page, {"name": "change"}, name="change"),
    path("to-chuc/<slug:code>/dang-vien-moi/", views.report_page, {"name": "new-members"}, name="new_members"),
    path("to-chuc/<slug:code>/quy-trinh/", views.report_page, {"name": "funnel"}, name="funnel"),
    path("to-chuc/<slug:code>/bao-cao-bang-loi/", views.report_page, {"name": "narrative"}, name="narrative"),
    path("to-chuc/<slug:code>/tang-giam/tep/", views.report_file, {"name": "change"}, name="change_file"),
    path("to-chuc/<slug:code>/dang-vien-moi/tep/", views.report_file, {"name": "new-members"}, name="new_members_file"),
    path("to-chuc/<slug:code>/quy-trinh/tep/", views.report_file, {"name": "funnel"}, name="funnel_file"),
    path("to-chuc/<slug:code>/bao-cao-bang-loi/tep/", views.report_file, {"name": "narrative"}, name="narrative_file"),
    path("to-chuc/<slug:code>/doi-chieu/", views.check, name="check"),
    path("to-chuc/<slug:code>/da-gui/", views.sent, name="sent"),
    path("da-gui/<int:pk>/", views.sent_detail, name="sent_detail"),
]
