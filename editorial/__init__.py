"""The unit of work every editorial change goes through (``editorial.work``) and its refusals
(``editorial.errors``). It sits below the apps: ``sources``, ``claims`` and ``articles`` import it, and it
imports none of them."""
