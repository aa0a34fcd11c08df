"""The HTTP service: an API, an editor page, and jobs run in-process or by Celery workers.

Needs the optional extra ``narrator[service]``.
"""
