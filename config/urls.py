from django.contrib import admin
from django.urls import include, path

from ketnap.accounts.views import admin_login_view

urlpatterns = [
    # Before the admin's own URLs: its login form would bypass the login throttle.
    path("admin/login/", admin_login_view, name="admin_login"),
    path("admin/", admin.site.urls),
    path("api/v1/", include("ketnap.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("ketnap.people.urls")),
    path("ket-nap/", include("ketnap.admission.urls")),
    path("dang-tich/", include("ketnap.membership.urls")),
    path("tai-khoan/", include("ketnap.accounts.urls")),
    path("to-chuc/", include("ketnap.organizations.urls")),
    path("viec-chay/", include("ketnap.jobs.urls")),
    path("bao-cao/", include("ketnap.reports.urls")),
    path("ke-hoach/", include("ketnap.plans.urls")),
    path("lop-boi-duong/", include("ketnap.training.urls")),
    path("chuong-trinh/", include("ketnap.programs.urls")),
    path("sinh-hoat-chi-bo/", include("ketnap.cells.urls")),
    path("do-phu/", include("ketnap.coverage.urls")),
    path("xep-loai/", include("ketnap.ratings.urls")),
    path("nhap-excel/", include("ketnap.imports.urls")),
    path("tong-quan/", include("ketnap.dashboard.urls")),
    path("", include("ketnap.web.urls")),
]
