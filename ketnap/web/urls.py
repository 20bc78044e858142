from django.urls import path

from ketnap.accounts.views import login_view, logout_view
from ketnap.web import views

urlpatterns = [
    path("", views.home, name="home"),
    path("dang-nhap/", login_view, name="login"),
    path("dang-xuat/", logout_view, name="logout"),
    path("cay/", views.tree, name="tree"),
    path("cay/<slug:code>/", views.tree_node, name="tree_node"),
    path("to-chuc/<slug:code>/", views.organization_detail, name="organization"),
    path("to-chuc/<slug:code>/phan/<slug:section>/", views.organization_panel, name="organization_panel"),
    path("to-chuc/<slug:code>/thong-ke.xlsx", views.organization_statistics_xlsx, name="organization_xlsx"),
    path("to-chuc/<slug:code>/nguoi/", views.people, name="organization_people"),
    path("nguoi/", views.people, name="people"),
    path("nguoi/<int:pk>/", views.person_detail, name="person"),
    path("nguoi/<int:pk>/hien-thi/", views.person_reveal_sensitive, name="person_reveal"),
]
