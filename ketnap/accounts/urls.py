from django.urls import path

from ketnap.accounts import account_views

urlpatterns = [
    path("", account_views.account, name="account"),
    path("xac-thuc/", account_views.two_factor_verify, name="two_factor_verify"),
    path("xac-thuc/dang-ky/", account_views.two_factor_enrol, name="two_factor_enrol"),
    path("xac-thuc/ma-khoi-phuc/", account_views.recovery_codes_new, name="recovery_codes_new"),
    path("mat-khau/", account_views.AccountPasswordChangeView.as_view(), name="password_change"),
]
