"""The provider's server-to-server notification (IPN) and the page the payer returns to, which only displays."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET

from . import services


@csrf_exempt  # called by the provider's server, signed with the merchant secret instead
@require_GET
def vnpay_ipn(request: HttpRequest) -> JsonResponse:
    code, message = services.handle_notification(request.GET.dict(), remote_addr=request.META.get("REMOTE_ADDR"))
    response = JsonResponse({"RspCode": code, "Message": message})
    add_never_cache_headers(response)
    return response


@require_GET
def vnpay_return(request: HttpRequest) -> HttpResponse:
    valid, payment = services.read_return(request.GET.dict(), remote_addr=request.META.get("REMOTE_ADDR"))
    context = {
        "valid": valid,
        "payment": payment,
        "bank_said_paid": request.GET.get("vnp_ResponseCode") == "00",
        "tracking_path": services.remembered_return(request, payment.reference) if payment else "",
    }
    response = render(request, "payments/return.html", context, status=200 if valid else 400)
    add_never_cache_headers(response)
    response["Cache-Control"] = "private, no-store, max-age=0"
    return response
