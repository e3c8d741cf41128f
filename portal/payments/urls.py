from django.urls import path

from . import sandbox, views

app_name = "payments"

# Outside the language prefixes: the provider calls the IPN address as it is registered with it.
urlpatterns = [
    path("vnpay/ipn/", views.vnpay_ipn, name="vnpay_ipn"),
    path("sandbox/vnpay/", sandbox.vnpay_gateway, name="sandbox_vnpay"),
]

# Inside them: the payer comes back to a page in the language they paid in.
return_urlpatterns = ([path("thanh-toan/vnpay/ket-qua/", views.vnpay_return, name="vnpay_return")], "payments_return")
