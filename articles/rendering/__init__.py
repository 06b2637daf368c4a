"""What readers see, computed from plain values: pure Python, no ORM.

``page`` numbers citations and builds the article page, ``citations`` gives the numbers readers see for
editors' keys (the admin's citation legend, the public diffs), ``history`` compares two revisions section
by section, ``jsonld`` publishes review decisions as schema.org ClaimReview.
"""
