"""What ``sources`` tells the apps above it. ``sources`` imports neither ``claims`` nor ``articles``: the
claims app listens here (``claims.receivers``) and re-checks the claims citing a source. Each signal is
sent inside the unit of work of the change, so what the receivers write commits or rolls back with it."""

from django.dispatch import Signal

# Sent with ``source``, ``previous`` (the former rating) and ``user`` when a source's rating changes.
reliability_changed = Signal()

# Sent with ``snapshot=`` inside the unit of work that stored a snapshot whose text differs from the
# source's previous latest one: the claims app re-checks the figures of the claims citing the source.
snapshot_added = Signal()
