from django.dispatch import Signal

# Sent inside the transaction that marks a payment paid: payment=Payment.
payment_paid = Signal()

# Sent inside the transaction that finds a payment confirmed for a fee already paid: payment=Payment.
payment_duplicated = Signal()
