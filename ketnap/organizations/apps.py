from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "ketnap.organizations"
    label = "organizations"
