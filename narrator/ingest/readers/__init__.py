"""Readers turn decoded source text of one format into an :class:`~narrator.models.Article`."""
