"""The page generator behind ``make_pages.py``, one module per page region.

    phrases    the phrase lists in ``training/phrases/*.toml``
    articles   the articles in ``training/articles/`` and the (text, label) line
    text       sentences, ordinals, 12-hour clocks
    base       Base: one seeded ``random.Random`` per page and the helpers that draw from it
    furniture  share bars, captions, picture widgets, related links (used by several regions)
    sidebar    sidebar boxes and miscellaneous furniture (forms, polls, tickers, tables)
    header     document title, cookie notices, masthead, menus, breadcrumbs
    byline     byline, dates, reading time and notices under the headline
    body       the body and the furniture between its paragraphs
    comments   reader comment threads
    footer     end notes, tags, author bio, the page footer
    page       Gen: the regions laid out into one page and rendered as copied text

Every region draws from the same generator in a fixed order; moving a call changes every page.
"""
