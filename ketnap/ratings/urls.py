from django.urls import path

from ketnap.ratings import views

app_name = "ratings"
urlpatterns = [
    path("<slug:code>/", views.ratings, name="ratings"),
    path("<slug:code>/xlsx/", views.ratings_xlsx_download, name="xlsx"),
    path("<slug:code>/nhap/", views.record, name="record"),
]
