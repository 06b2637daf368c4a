"""The public pages' cache: rendered bytes keyed by an article's content version.

- ``keys``: the cache keys and the header that marks a page every reader of its URL may share.
- ``pointers``: the slug → (id, content version) pointer a hit reads instead of the database; published by
  the unit of work (``editorial.work``) when a change commits, and by nothing else.
- ``wsgi``: answers repeat requests for article pages in front of Django's request cycle.

Lifetimes come from one setting, ``PAGE_CACHE_SECONDS`` (``{"page": ..., "pointer": ...}``). This package
imports no app: the apps import it.
"""
