from django.urls import path

from ketnap.admission import views

app_name = "admission"
urlpatterns = [
    path("", views.index, name="index"),
    path("to-chuc/<slug:code>/", views.board, name="board"),
    path("to-chuc/<slug:code>/hang-viec/", views.queue, name="queue"),
    path("to-chuc/<slug:code>/nguon/", views.prospects, name="prospects"),
    path("to-chuc/<slug:code>/nguon/them/", views.prospect_add, name="prospect_add"),
    path("nguon/<int:pk>/cam-tinh/", views.listing_add, name="listing_add"),
    path("nguon/<int:pk>/giup-do/", views.helper_assign, name="helper_assign"),
    path("nguon/<int:pk>/bao-cao/", views.progress_note_add, name="progress_note_add"),
    path("nguon/<int:pk>/ra-khoi-cam-tinh/", views.listing_remove, name="listing_remove"),
    path("nguon/<int:pk>/nhiem-vu/", views.task_assign, name="task_assign"),
    path("nguon/<int:pk>/ra-khoi-nguon/", views.prospect_leave, name="prospect_leave"),
    path("nhiem-vu/<int:pk>/hoan-thanh/", views.task_complete, name="task_complete"),
    path("mo-ho-so/", views.case_open, name="case_open"),
    path("ho-so/<int:pk>/", views.case_detail, name="case"),
    path("ho-so/<int:pk>/buoc/<slug:kind>/", views.step, name="step"),
    path("ho-so/<int:pk>/tai-lieu/<slug:kind>/", views.document, name="document"),
    path("ho-so/<int:pk>/nguoi-gioi-thieu/", views.introducer_add, name="introducer_add"),
    path("ho-so/<int:pk>/nguoi-than/", views.relative_add, name="relative_add"),
    path("ho-so/<int:pk>/tham-tra/", views.verification_add, name="verification_add"),
    path("buoc/<int:step_id>/sua/", views.step_correct, name="step_correct"),
    path("buoc/<int:step_id>/huy/", views.step_void, name="step_void"),
    path("tham-tra/<int:pk>/tra-loi/", views.verification_reply, name="verification_reply"),
    path("nguoi-gioi-thieu/<int:pk>/thay/", views.introducer_replace, name="introducer_replace"),
]
