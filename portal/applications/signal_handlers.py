"""Domain events the applications app handles: a fee paid through the payment provider, or paid twice."""

from portal.payments.signals import payment_duplicated, payment_paid

from . import services


def _on_payment_paid(sender, payment, **kwargs) -> None:
    services.application_mark_paid(
        application_id=payment.application_id, amount=payment.amount, reference=payment.reference
    )


def _on_payment_duplicated(sender, payment, **kwargs) -> None:
    services.application_paid_twice(
        application_id=payment.application_id, amount=payment.amount, reference=payment.reference
    )


payment_paid.connect(_on_payment_paid, dispatch_uid="applications-payment-paid")
payment_duplicated.connect(_on_payment_duplicated, dispatch_uid="applications-payment-duplicated")
