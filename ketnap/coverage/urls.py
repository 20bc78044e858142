from django.urls import path

from ketnap.coverage import views

app_name = "coverage"
urlpatterns = [
    path("<slug:code>/", views.coverage, name="coverage"),
    path("<slug:code>/xlsx/", views.coverage_xlsx_download, name="xlsx"),
]
urlpatterns.append(path("<slug:code>/bi-thu/", views.secretary, name="secretary"))
