"""Online payments of fees and every notification a provider sent about them, accepted or refused."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Payment(models.Model):
    PENDING, PAID, FAILED = "pending", "paid", "failed"
    # EXPIRED: left at the gateway past its time limit, never confirmed. DUPLICATE: confirmed paid
    # when the fee already was (the payer paid twice): the officer refunds it and marks it REFUNDED.
    EXPIRED, DUPLICATE, REFUNDED = "expired", "duplicate", "refunded"
    STATUS_CHOICES = [
        (PENDING, _("waiting for the bank")),
        (PAID, _("paid")),
        (FAILED, _("not paid")),
        (EXPIRED, _("expired, not paid")),
        (DUPLICATE, _("paid twice: to be refunded")),
        (REFUNDED, _("paid twice: refunded")),
    ]

    provider = models.CharField(_("provider"), max_length=20)
    reference = models.CharField(_("reference"), max_length=40, unique=True)
    application = models.ForeignKey(
        "applications.Application", verbose_name=_("application"), on_delete=models.PROTECT, related_name="payments"
    )
    amount = models.PositiveIntegerField(_("amount (đồng)"))
    description = models.CharField(_("description"), max_length=255)
    status = models.CharField(_("status"), max_length=10, choices=STATUS_CHOICES, default=PENDING)
    created_at = models.DateTimeField(_("started at"), auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    transaction_no = models.CharField(_("provider's transaction number"), max_length=40, blank=True)
    bank_code = models.CharField(_("bank"), max_length=20, blank=True)
    response_code = models.CharField(_("provider's response code"), max_length=10, blank=True)
    # The gateway address the payer was sent to, so that a second click resumes the same payment.
    gateway_url = models.TextField(_("gateway address"), blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")

    def __str__(self) -> str:
        return self.reference


class PaymentNotification(models.Model):
    """One IPN or return as received: kept whether it was accepted, refused or a repeat."""

    IPN, RETURN = "ipn", "return"
    provider = models.CharField(_("provider"), max_length=20)
    channel = models.CharField(_("channel"), max_length=10, choices=[(IPN, "IPN"), (RETURN, _("return"))])
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    remote_addr = models.GenericIPAddressField(_("from address"), null=True, blank=True)
    reference = models.CharField(_("reference given"), max_length=100, blank=True)
    payment = models.ForeignKey(Payment, null=True, blank=True, on_delete=models.SET_NULL, related_name="notifications")
    params = models.JSONField(_("parameters"), default=dict)
    answer_code = models.CharField(_("answer code"), max_length=4)
    answer = models.CharField(_("answer"), max_length=200)

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("payment notification")
        verbose_name_plural = _("payment notifications")

    def __str__(self) -> str:
        return f"{self.channel} {self.reference} {self.answer_code}"
