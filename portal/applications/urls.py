from django.urls import path

from . import views

app_name = "applications"

urlpatterns = [
    path("nop/<slug:slug>/", views.apply, name="apply"),
    path("tra-cuu/", views.lookup, name="lookup"),
    path("dang-nhap/", views.sign_in, name="sign_in"),
    path("dang-nhap/<str:token>/", views.sign_in_confirm, name="sign_in_confirm"),
    path("dang-xuat/", views.sign_out, name="sign_out"),
    path("cua-toi/", views.my_applications, name="my_applications"),
    path("<uuid:public_id>/<str:secret>/", views.track, name="track"),
    path("<uuid:public_id>/<str:secret>/sua/", views.edit_draft, name="edit_draft"),
    path("<uuid:public_id>/<str:secret>/bo-sung/", views.supply, name="supply"),
    path("<uuid:public_id>/<str:secret>/thanh-toan/", views.pay, name="pay"),
    path("<uuid:public_id>/<str:secret>/tep/<int:upload_id>/", views.upload_file, name="upload"),
    path("<uuid:public_id>/<str:secret>/ket-qua/", views.result_file, name="result"),
]
