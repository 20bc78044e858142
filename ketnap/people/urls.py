from django.urls import path

from ketnap.people import views

urlpatterns = [
    path("nguoi/them/", views.person_create, name="person_create"),
    path("nguoi/<int:pk>/sua/", views.person_update, name="person_update"),
    path("ket-nap/to-chuc/<slug:code>/nguon/them-moi/", views.prospect_create, name="prospect_create"),
]
