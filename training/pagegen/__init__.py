"""The page generator behind ``make_pages.py``: ``phrases`` reads the phrase lists in ``training/phrases/``."""
