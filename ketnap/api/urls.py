"""Placeholder: the API is mounted at /api/v1/."""

urlpatterns: list = []
