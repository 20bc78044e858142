from django.urls import path

app_name = "admission"
urlpatterns: list[path] = []  # type: ignore[valid-type]
