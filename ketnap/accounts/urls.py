from django.urls import path

from ketnap.accounts import account_views, admin_views

urlpatterns = [
    path("", account_views.account, name="account"),
    path("xac-thuc/", account_views.two_factor_verify, name="two_factor_verify"),
    path("xac-thuc/dang-ky/", account_views.two_factor_enrol, name="two_factor_enrol"),
    path("xac-thuc/ma-khoi-phuc/", account_views.recovery_codes_new, name="recovery_codes_new"),
    path("mat-khau/", account_views.AccountPasswordChangeView.as_view(), name="password_change"),
    # User management by the administrators of a subtree.
    path("quan-tri/nguoi-dung/", admin_views.user_list, name="user_list"),
    path("quan-tri/tao-nguoi-dung/", admin_views.user_create, name="user_create"),
    path("quan-tri/nguoi-dung/<str:username>/", admin_views.user_detail, name="user_detail"),
    path("quan-tri/nguoi-dung/<str:username>/cap-vai-tro/", admin_views.role_grant, name="role_grant"),
    path("quan-tri/nguoi-dung/<str:username>/mat-khau/", admin_views.password_reset, name="user_password_reset"),
    path("quan-tri/nguoi-dung/<str:username>/khoa/", admin_views.user_deactivate, name="user_deactivate"),
    path("quan-tri/vai-tro/<int:pk>/ket-thuc/", admin_views.role_end, name="role_end"),
    path("quan-tri/to-chuc/<slug:code>/truy-cap/", admin_views.organization_access, name="organization_access"),
]
