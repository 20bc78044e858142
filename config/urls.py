from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/v1/", include("ketnap.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("ket-nap/", include("ketnap.admission.urls")),
    path("", include("ketnap.web.urls")),
]
