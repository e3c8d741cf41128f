from django.dispatch import Signal

# Sent inside the transaction that marks a payment paid: payment=Payment.
payment_paid = Signal()
