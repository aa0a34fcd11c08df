"""Ingest: read a source and find the article in it.

``sources`` reads files, URLs and standard input and detects the format; ``readers``
parse HTML, Markdown and copied text into an Article; ``clean`` removes what is not the
article's own words.
"""
