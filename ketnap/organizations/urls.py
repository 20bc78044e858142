"""Pages that keep the tree, below ``to-chuc/<code>/`` beside the organization page."""

from django.urls import path

from ketnap.organizations import views

app_name = "organizations"
urlpatterns = [
    path("<slug:code>/thanh-lap/", views.organization_add, name="add"),
    path("<slug:code>/doi-ten/", views.organization_rename, name="rename"),
    path("<slug:code>/sap-xep/", views.organization_reorganize, name="reorganize"),
    path("<slug:code>/tham-quyen/", views.authority, name="authority"),
    path("<slug:code>/thon-ban/", views.localities, name="localities"),
    path("<slug:code>/thon-ban/them/", views.locality_add, name="locality_add"),
    path("<slug:code>/thon-ban/<slug:locality>/", views.locality_detail, name="locality"),
    path("<slug:code>/thon-ban/<slug:locality>/chi-bo/", views.locality_cell, name="locality_cell"),
    path("<slug:code>/thon-ban/<slug:locality>/truong-thon/", views.locality_head, name="locality_head"),
]
