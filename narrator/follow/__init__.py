"""Following sources: narrate every article a newsroom's feeds, news sitemaps and lists
of article URLs name, and keep the episodes in step as articles change, are corrected
or are taken down.

- :mod:`.parse`: what a source lists (RSS, Atom, JSON Feed, sitemaps, URL lists), parsed safely
- :mod:`.source`: a source and its options (filters, voice, draft, folder, retractions)
- :mod:`.polite`: robots.txt, a pace per host, conditional requests, Retry-After
- :mod:`.state`: the follow store (SQLite beside the job store), safe for several processes
- :mod:`.shared`: the follow store kept in an object store, followed by one machine at a time under a lease
- :mod:`.sync`: reading a source and deciding what is new, changed or gone
- :mod:`.run`: polling: claiming, fetching and narrating each article, once or on a timer
- :mod:`.report`: what a poll did

:mod:`narrator.api` (``follow``, ``forget_source``) is the way in.
"""
