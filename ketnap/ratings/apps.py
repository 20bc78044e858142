from django.apps import AppConfig


class RatingsConfig(AppConfig):
    name = "ketnap.ratings"
    label = "ratings"
    verbose_name = "Xếp loại chất lượng"
