from django.urls import path

from ketnap.dashboard import views

app_name = "dashboard"
urlpatterns = [
    path("<slug:code>/", views.organization, name="organization"),
    path("<slug:code>/canh-bao/", views.alerts_section, name="alerts"),
]
