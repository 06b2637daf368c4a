"""Signals other apps listen to; ``sources`` never imports them back."""

from django.dispatch import Signal

# Sent with ``snapshot=`` inside the transaction that stored a snapshot whose text differs from the
# source's previous latest one, so a receiver's writes (re-checking citing claims) commit or roll back
# with it.
snapshot_added = Signal()
