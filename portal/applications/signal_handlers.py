"""Domain events the applications app handles: a fee paid through the payment provider."""

from portal.payments.signals import payment_paid

from . import services


def _on_payment_paid(sender, payment, **kwargs) -> None:
    services.application_mark_paid(
        application_id=payment.application_id, amount=payment.amount, reference=payment.reference
    )


payment_paid.connect(_on_payment_paid, dispatch_uid="applications-payment-paid")
