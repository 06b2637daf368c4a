"""Check claims against the text of their sources (pure Python, no ORM).

``passages`` finds the passage of a source's text that best matches a claim, ``lookup`` reads every
number of a source's text once and finds each figure's own statement in it (or one contradicting it),
``values`` decides whether a stated value supports a figure of the claim, and ``verdicts`` turns that
into a verdict per figure. The services in ``claims.services`` feed them plain strings and store the results.
"""
