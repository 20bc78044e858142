from django.urls import path

from ketnap.plans import views

app_name = "plans"
urlpatterns = [
    path("to-chuc/<slug:code>/", views.plan, name="plan"),
    path("to-chuc/<slug:code>/phan-bo/", views.allocate, name="allocate"),
    path("to-chuc/<slug:code>/xlsx/", views.plan_xlsx, name="xlsx"),
]
