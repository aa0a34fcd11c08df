"""Recognise page furniture: the lines around an article that are not the article.

Each test here looks at one line on its own and relies on patterns common to news
sites in general (reading times, captions with photo credits, tag lists, share and
sign-up prompts, related-story labels, author footers), never on one site's wording.
Bylines are read in :mod:`narrator.ingest.bylines`.
"""

from __future__ import annotations

import re

from ..text.dates import find_date
from .captions import is_caption
from .lines import ends_like_sentence, words

# A page's tools for a story or its photo: "View larger image", "Email to a friend Printer friendly".
_PAGE_TOOL = r"""(?:
    (?:view|see|show)\s(?:a\s)?(?:larger|bigger|full[-\s]size)\s(?:image|photo|picture|version)|
    enlarge(?:\s(?:this\s)?(?:image|photo|picture))?|click\s(?:here\s)?to\senlarge|
    e-?mail\sto\sa\sfriend|e-?mail\sthis(?:\s(?:article|story|page))?|printer[-\s]friendly(?:\s(?:version|page))?|
    print\sthis(?:\s(?:article|story|page))?|font(?:\ssize)?|text\ssize
)"""
_PROMPTS = re.compile(
    r"""^(?:
        (?:advertisement|ad)\s?[-–—:|]\s?(?:story\s)?continues?\s(?:reading\s)?below|
        advertisement|advertising|ad|sponsored(?:\scontent)?|paid\spost|promoted|
        skip\s(?:advertisement|ad|to\scontent)|(?:story\s)?continues\sbelow(?:\sadvertisement)?|
        continue\sreading(?:\sbelow)?|scroll\sto\scontinue(?:\swith\scontent)?|
        share|share\sthis(?:\sarticle|\sstory|\spage)?|share\son\s\w+|tweet|copy\slink|
        link\scopied|email|e-mail|print|save|save\sarticle|bookmark|gift\sarticle|
        comments?|\d+\scomments?|comments?\s\d+|view\scomments|leave\sa\scomment|show\scomments|
        listen(?:\sto\s(?:this\s)?(?:article|story))?|play|pause|(?:play|watch)(?:\sthe)?\svideo|
        [^\n]{2,120}[a-z?!.'’”)]\d{1,2}:\d{2}|  # a video's title run into its length: "Fire forces evacuation02:14"
        \d+\s?(?:min|mins|minutes?)\s(?:listen|read)|
        subscribe(?:\snow)?|sign\sup|sign\sin|log\sin|register|donate|support\sus|
        most\s(?:read|popular|viewed)|trending(?:\snow)?|recommended(?:\sfor\syou)?|
        related(?:\sarticles?|\sstories|\scontent|\scoverage|\stopics|\svideos?)?|view\sall(?:\s\d+)?|
        view\sthis\spost\son\s(?:instagram|facebook|twitter|tiktok|threads)|don'?t\smiss\sa\sthing|
        more\s(?:from|on|in|stories|news)(?:\s[^.!?]{0,120})?|read\s(?:more|next|also)|see\salso|
        you\smay\salso\slike|you\smight\salso\slike|don'?t\smiss|up\snext|watch|
        back\sto\stop|top\sstories|latest(?:\snews)?|breaking|live|skip\sto\s(?:main\s|primary\s)?(?:content|navigation)|
        (?:suggested\s|related\s)?topics|explore\smore\son\sthese\stopics|reuse\sthis\scontent|
        scroll\sto\scontinue|key\spoints|in\sbrief|listen\snow|(?-i:(?:Photo\s)?Gallery|Slideshow)(?=[A-Z])[^.!?\n]{1,80}|
        \d{1,2}\s?(?:/|of)\s?\d{1,2}|  # a gallery's or a card stack's counter: "4/6", "2 of 12"
        follow|follow\sus|follow\s@\w+|menu|
        follow\s(?:[\w.'’-]+\s){0,3}on\s(?:twitter|x|instagram|facebook|linkedin|threads|bluesky|mastodon|tiktok|youtube)|search|home|close|open|toggle|post\snavigation|posts?\sby\se-?mail|
        (?:(?:grab|get|subscribe\sto)\s(?:the\s|our\s)?)?rss(?:\sfeeds?)?|(?:our\s)?(?:facebook|twitter|instagram|
        youtube|linkedin|pinterest|tiktok|whatsapp|reddit)(?:\s(?:page|feed|channel))?|
        view\s(?:deal|offer|product)|check\sprice|see\s(?:price|deal)|shop\snow|buy\snow|buy\sit\snow|
        (?:buy|shop(?:\snow)?|see\sprice|check\sprice|view\sdeal|view\soffer)\s(?:at|on|from)\s\S+(?:\s\S+){0,3}|
        continue\sreading\sthe\smain\sstory|(?:article|story)\scontinues\sbelow(?:\s(?:this\s)?(?:ad|advert|advertisement))?|
        start\syour\sfree\strial|live\s(?:coverage|updates|blog)|as\sit\shappened|last\supdated|references|further\sreading|
        first\spublished(?:\son)?|(?:this\s)?(?:article|story|content)\sis\s(?:for|available\sto)\s(?:paying\s)?subscribers(?:\sonly)?|
        you'?ve\s(?:reached|used)\syour\s(?:\w+\s)?(?:free\s)?(?:article|story)\slimit|
        (?:PAGE_TOOL)(?:\s?[|·•,]?\s(?:PAGE_TOOL|share|print|e-?mail|save|comments?|tweet))*|
    )[\s:.!…>»›-]*$""".replace("PAGE_TOOL", _PAGE_TOOL),
    re.IGNORECASE | re.VERBOSE,
)

_PROMPT_PREFIX = re.compile(
    r"""^(?:
        read\s(?:more|also|next|the\sfull\sstory)|related|see\salso|also\sread|recommended|
        share(?:\sthis(?:\sarticle|\sstory|\spage)?|\son)?|follow(?:\sus)?|
        more\son\sthis|watch|listen|tags?|topics?|filed\sunder|categories|category|
        sign\sup|subscribe|follow\sus|click\shere|get\sour|join\sour|download\sour|
        support\s(?:our|independent)|become\sa\s(?:member|subscriber|supporter)|
        this\s(?:article|story)\swas\s(?:originally\s)?(?:published|produced|updated)|
        originally\spublished|copyright|©|\(c\)\s\d{4}|all\srights\sreserved|
        reporting\sby|additional\sreporting|editing\sby|writing\sby|compiled\sby|
        contact\s(?:the\s)?(?:author|reporter|us)|about\sthe\sauthor|
        author|authors|photo|photos|image|images|photograph|picture|credit|credits|
        illustration|video|graphic|source|sources|caption|via|updated|published|posted|
        last\supdated|first\spublished
    )\b\s*[:|]""",
    re.IGNORECASE | re.VERBOSE,
)

_CALLS_TO_ACTION = re.compile(
    r"""\b(?:
        sign\sup\sfor|subscribe\sto|newsletter|get\sthe\slatest|delivered\s(?:free\s|straight\s|right\s)?to\syour\sinbox|
        follow\sus\son|join\sus\son|support\s(?:our|independent)\sjournalism|
        become\sa\s(?:member|subscriber|supporter)|already\sa\ssubscriber|
        click\shere|tap\shere|download\sthe\sapp|turn\son\snotifications|listen\sto\sthis\sarticle|
        media\splayback\sis\s(?:unsupported|not\ssupported)|(?:got|have)\sa\s(?:confidential\s)?(?:news\s)?tip|
        this\s(?:article|story)\s(?:originally\s)?appeared\s(?:on|in)|
        follow\s[\w .'’-]{1,40}\son\s(?:twitter|instagram|facebook|linkedin)|
        join\s(?:more\sthan\s|over\s)?[\d,.]+k?\s(?:other\s)?(?:readers|subscribers)
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)
# Legal and site boilerplate (reprint notices, quote delays, subscription pitches too): furniture
# wherever it sits in a short line.
_BOILERPLATE = re.compile(
    r"""\b(?:
        we\suse\scookies|uses\scookies|use\scookies\sand|accept\scookies|cookie\spolicy|privacy\spolicy|terms\sof\s(?:use|service)|
        audio\s(?:is|was)\s(?:created|generated|produced)\swith|created\swith\sai\sassistance|
        ai-generated\saudio|this\saudio\sis\s(?:ai|automatically)|
        all\srights\sreserved|trust\sprinciples|our\sstandards|
        storing\sof\scookies|use\scookies\sand\ssimilar|unsubscribe\sat\sany\stime|protected\sby\srecaptcha|
        enter\syour\semail|affiliate\s(?:links?|commission)|
        prices?\s(?:were|are|is|was)\s(?:accurate|correct)\sat\sthe\stime|
        reprints?\s(?:and|&)\s(?:permissions|licensing)|for\sreprints?|(?:order|request|purchase)\s(?:a\s)?reprints?|
        quotes?\s(?:are\s)?delayed|delayed\s(?:by\s)?at\sleast\s\d+\sminutes|market\sdata\s(?:provided|powered|supplied)\sby|
        unlimited\sdigital\saccess|(?:get|enjoy)\sunlimited\saccess|subscribe\s(?:now|today)|cancel\sanytime|
        (?:keep|continue|start)\sreading\s(?:for|from)\s(?:just\s|only\s)?[$£€]\d|  # a paywall's price
        by\s(?:submitting|entering|providing|signing\sup|subscribing)\b.{0,40}?\byou\s(?:agree|accept|consent)|
        opt\sout\sat\sany\stime|bookmark\sthe\spermalink|skip\sto\snext\sparagraph|  # WordPress, the NYT
        this\smaterial\smay\snot\sbe\s(?:published|reproduced|redistributed)|  # a wire story's notice
        a\spost\sshared\sby\s[^()]{1,60}\(@\w+  # an Instagram embed's signature
    )\b""",
    re.IGNORECASE | re.VERBOSE,
)

# "© Channel 12 2020", "© Copyright 2019 The Post Ltd.": a copyright line, in a short line only.
_COPYRIGHT = re.compile(r"©\s?(?:copyright\s)?(?:\d{4}|[A-Z])|\bcopyright\s(?:©\s?)?\d{4}\b", re.IGNORECASE)

_READING_TIME = re.compile(
    r"\b\d+\s?(?:-\s?)?(?:min|mins|minute|minutes)\.?\s(?:read|listen)\b|\breading\stime\b",
    re.IGNORECASE,
)
_ROLE = re.compile(
    r"^(?:[\w-]+\s){0,3}(?:writer|reporter|correspondent|editor|columnist|contributor|journalist|"
    r"producer|critic)s?$",
    re.IGNORECASE,
)
_CORRECTION = re.compile(
    r"^(?:correction|clarification|editor'?s\snote)\s*:|^this\s(?:article|story|piece|report)\s"
    r"(?:was|has\sbeen)\s(?:amended|corrected|updated|edited|changed)",
    re.IGNORECASE,
)
_BIO = re.compile(
    r"^[A-Z][\w'’.-]+(?:\s[A-Z][\w'’.-]+){0,3}\s(?:is|was|has\sbeen)\s(?:a|an|the|our)\s"
    r"(?:[\w-]+\s){0,6}(?:reporter|correspondent|editor|writer|journalist|columnist|"
    r"contributor|freelancer|producer|critic|fellow|intern)\b",
)
# "Jane Roe covers football for The Observer.": an author footer that names the beat.
_BIO_BEAT = re.compile(
    r"^[A-Z][\w'’.-]+(?:\s[A-Z][\w'’.-]+){1,3}\s(?:covers|writes\sabout|reports\son)\s[^.]{1,60}\bfor\s(?:the\s)?[A-Z]"
    # "Jane Roe has reported on crime for more than a decade.", "... has covered sport for The Post since 2015."
    r"|^[A-Z][\w'’.-]+(?:\s[A-Z][\w'’.-]+){1,3}\shas\s(?:reported\son|covered|written\sabout)\s[^.]{1,60}\bfor\s"
    r"(?:(?:the\s)?[A-Z]|(?:more\sthan\s|over\s|nearly\s|almost\s)?(?:a|\d+|two|three|four|five|ten|twenty)\s(?:decades?|years))"
)
_TIMESTAMP = re.compile(
    r"^(?:(?:updated|posted|published)\s*:?\s*)?(?:\d+\s(?:min|mins|minutes|hours?|hrs?|days?)\sago"
    r"|just\snow)$",
    re.IGNORECASE,
)
_CLOCK = re.compile(r"^\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?$", re.IGNORECASE)
_GLUED = re.compile(r"(?<=[a-z]{2})[A-Z][a-z]")  # a lookbehind: linear on a long lower-case run
_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_SEPARATORS = re.compile(r"\s[|•·›»/]\s")
_ZONE_AND_AGE = re.compile(
    r"\b(?:[A-Z]{2,4}|updated|published|posted|last|on|at|ago|just|now|"
    r"\d+\s(?:min|mins|minutes|hours?|hrs?|days?))\b",
    re.IGNORECASE,
)
WEEKDAYS = re.compile(
    r"\b(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)(?:day|sday|nesday|rsday|urday)?\b\.?,?",
    re.IGNORECASE,
)


def is_prompt(line: str) -> bool:
    """Share, sign-up, navigation, advertising and similar prompts."""
    stripped = line.strip().strip("*_#>|•·-–—[]")
    if not stripped:
        return True
    if _PROMPT_PREFIX.match(stripped) and len(words(stripped)) <= 30:
        return True  # "Share this article: Facebook · X · Email", "Related: ..."
    parts = [p for p in _SEPARATORS.split(stripped) if p.strip()]
    if len(parts) > 1:
        return all(is_prompt(p) for p in parts)
    if _PROMPTS.match(stripped):
        return True
    if _URL.match(stripped):
        return True
    if len(words(stripped)) <= LEGAL_WORDS and _LEGAL.search(stripped):
        return True
    if len(words(stripped)) <= CONSENT_WORDS and is_cookie_notice(stripped):
        return True
    # A call to action is short and speaks to the reader ("Sign up for our newsletter");
    # a report that mentions a sign-up scheme is prose.
    if len(words(stripped)) > 30:
        return False
    if _BOILERPLATE.search(stripped) or _COPYRIGHT.search(stripped) or _is_shopping_note(stripped):
        return True
    found = _CALLS_TO_ACTION.search(stripped)
    return bool(found) and (found.start() == 0 or bool(_READER.search(stripped)))


# A cookie or consent banner speaks to the reader of the site's cookies and what they are for;
# it can run to a paragraph. A report about cookies does not say "your" device or "our" partners.
_COOKIES = re.compile(r"\bcookies?\b", re.IGNORECASE)
_CONSENT = re.compile(
    r"\b(?:partners?|personali[sz]\w*|advertis\w*|ads|experience|agree\w*|consent\w*|choices|settings|"
    r"preferences|analy[sz]\w*|measure\w*|browsing|accept\w*)\b",
    re.IGNORECASE,
)
CONSENT_WORDS = 80


def is_cookie_notice(line: str) -> bool:
    return bool(_COOKIES.search(line) and _READER.search(line) and _CONSENT.search(line))


# A reprint notice or a market-data credit runs long, in words no article uses.
_LEGAL = re.compile(
    r"\bfor\syour\spersonal,?\snon-?commercial\suse\b|\border\s(?:multiple\s|presentation-ready\s)?"
    r"(?:copies|reprints)\b|\bsubscriber\sagreement\b|\bquotes?\s(?:are\s)?delayed\b|"
    r"\bmarket\sdata\s(?:provided|powered|supplied)\sby\b",
    re.IGNORECASE,
)
LEGAL_WORDS = 90
_READER = re.compile(r"\b(?:our|your|you|us)\b", re.IGNORECASE)
_PROMPT_WORDS = re.compile(
    r"\b(?:share|sign\sup|subscribe|newsletter|follow|read\s(?:more|next|also)|related|download|"
    r"advertisement|click|tap|comments?|listen|copyright|rights\sreserved|at\sthe\stime\sof)\b",
    re.IGNORECASE,
)


# "Buying through links on this page may earn Laptop Daily a commission": said of shopping, not
# of agents or farmers ("may earn a fee for each tonne"). A price widget's button: "$849View Deal".
_EARNS = re.compile(r"\bmay\searn\b.{0,40}?\b(?:commission|fee)s?\b", re.IGNORECASE)
_SHOPPING = re.compile(r"\b(?:links?|purchases?|buy(?:ing)?|retailers?|no\s(?:extra\s|additional\s)?cost)\b", re.I)
_DEAL_BUTTON = re.compile(r"view\sdeals?$", re.IGNORECASE)


def _is_shopping_note(line: str) -> bool:
    return bool(_EARNS.search(line) and _SHOPPING.search(line)) or bool(_DEAL_BUTTON.search(line))


def has_prompt_words(text: str) -> bool:
    """Whether ``text`` mentions anything a prompt would: a cheap test before splitting."""
    return bool(_PROMPT_WORDS.search(text))


# The label over a box of other stories' headlines: "Related", "Read more", "More on this story".
_TEASER_LABEL = re.compile(
    r"^(?:related(?:\s(?:articles?|stories|content|coverage|reading))?|read\s(?:more|next|also)|"
    r"more\son\sthis\s(?:story|topic)|recommended(?:\sfor\syou)?|see\salso|also\sread|"
    r"you\s(?:might|may)\salso\slike|further\sreading|more\sfrom\s[\w .&'’-]{1,30}|references|sources|bibliography)"
    # alone on its line, or glued to the first headline as copied ("Related storiesThe village ...")
    r"(?:\W*$|(?-i:(?<=[a-z])(?=[A-Z])))",
    re.IGNORECASE,
)


# An embedded post's signature under its text: a tweet's "— Name (@handle) May 3, 2021" (the date
# may sit on a line of its own), an Instagram post's "A post shared by Name (@handle) on May 3, ...".
_POST_SIGNATURE = re.compile(
    r"^[—–-]\s?[^()\n]{1,60}\(@\w{1,30}\)(?:\s?(?:on\s)?(?:[A-Z][a-z]{2,5}day\s)?(?:[A-Z][a-z]{2,8}\.?\s\d{1,2},|\d{1,2}\s[A-Z][a-z]{2,8})\s\d{4}"
    r"(?:\s\d{1,2}[:.]\d{2}(?:\s?[AaPp]\.?[Mm]\.?)?(?:\s[A-Z]{2,4})?)?)?$"  # its time: "6:04 PM", "16.20 BST"
    r"|^A\spost\sshared\sby\s[^()\n]{1,60}\(@[\w.]{1,30}\)"
)


def is_post_signature(line: str) -> bool:
    return bool(_POST_SIGNATURE.match(line.strip()))


def is_teaser_label(line: str) -> bool:
    return bool(_TEASER_LABEL.match(line.strip()))


def is_reading_time(line: str) -> bool:
    return bool(_READING_TIME.search(line))


def is_tag_list(line: str) -> bool:
    """A list of topics: several short items split by commas, pipes or bullets."""
    stripped = line.strip()
    if ends_like_sentence(stripped):
        return False
    items = [i.strip() for i in re.split(r"\s*(?:,|\||•|·|;|/)\s*", stripped) if i.strip()]
    if len(items) < 4:
        return False
    short = sum(1 for i in items if len(words(i)) <= 4)
    capitalised = sum(1 for i in items if i[:1].isupper() or i[:1].isdigit() or i.startswith("#"))
    return short >= len(items) * 0.85 and capitalised >= len(items) * 0.6


def is_dateline(line: str) -> bool:
    """A line that holds a date and little else: "Updated March 14, 2025 9:42 AM GMT"."""
    found = find_date(line)
    if not found:
        return False
    rest = line[: found[1][0]] + " " + line[found[1][1] :]
    rest = _ZONE_AND_AGE.sub(" ", WEEKDAYS.sub(" ", rest))
    return len(words(rest.strip(" ,|·-–—:"))) <= 2


def is_timestamp(line: str) -> bool:
    """A relative time such as "Updated 11 minutes ago"."""
    return bool(_TIMESTAMP.match(line.strip()))


def is_clock(line: str) -> bool:
    """A bare clock time, as live pages put above each update."""
    return bool(_CLOCK.match(line.strip()))


def is_role(line: str) -> bool:
    """A job title on its own line under an author's name ("Staff Writer")."""
    return bool(_ROLE.match(line.strip())) and len(words(line)) <= 4


def is_correction(line: str) -> bool:
    return bool(_CORRECTION.match(line.strip()))


# The reporters' credit at the foot of a wire story: "Reporting by Ana Lind in Oslo; Editing by
# Tom Reyes", "Fox News' Kelly Marchand contributed to this report."
_REPORT_CREDIT = re.compile(r"^(?:additional\s)?(?:reporting|writing|editing)\sby\s", re.IGNORECASE)
_CONTRIBUTED = re.compile(r"\scontributed\sto\sthis\s(?:report|story|article)\.?$", re.IGNORECASE)
# Between the names of a credit only these words are lower case.
_CREDIT_JOINERS = frozenset(
    "and in by of the from at for with additional reporting writing editing".split()
) | frozenset(
    "de del da di van von der den la le du".split()  # particles of names
)


def is_report_credit(line: str) -> bool:
    """The reporters' and editors' credit at the foot of a story: names, places and joiners
    after "Reporting by" (a report that "Reporting by the council found..." is prose), or a
    short line ending "contributed to this report"."""
    stripped = line.strip()
    n = len(words(stripped))
    if _CONTRIBUTED.search(stripped):
        return n <= 25
    if n > 40 or not _REPORT_CREDIT.match(stripped):
        return False
    names = re.split(r"[\s;,]+", stripped.rstrip("."))[2:]
    return all(w[:1].isupper() or w.lower() in _CREDIT_JOINERS for w in names if w)


def is_bio(line: str) -> bool:
    stripped = line.strip()
    # An author footer is short: a long paragraph that starts "Smith was a producer..." is the story.
    n = len(words(stripped))
    return (n <= BIO_WORDS and bool(_BIO.match(stripped))) or (n <= 40 and bool(_BIO_BEAT.match(stripped)))


BIO_WORDS = 60


def looks_glued(line: str) -> bool:
    """Link texts run together when a page is copied ("The Daily PostJane Doe")."""
    return len(words(line)) <= 8 and not ends_like_sentence(line) and bool(_GLUED.search(line))


def is_navigation(line: str) -> bool:
    """Breadcrumbs and menus: short items split by separators."""
    parts = _SEPARATORS.split(line.strip())
    return len(parts) >= 3 and all(len(words(p)) <= 4 for p in parts)


# A site's notices in words no report uses: a disclaimer, the comment form's small print, a reprint line.
_NOTICE = re.compile(
    r"""\b(?:
        (?:views|opinions)\sexpressed\s(?:in|on)\s(?:this|these|the)\s[^.]{0,60}\b(?:not\snecessarily|do\snot\s(?:reflect|represent))|
        ^comments?\s(?:are|is)\s(?:moderated|closed|reviewed)|^there\sare\s(?:currently\s)?no\scomments|
        ^(?:be\sthe\sfirst\sto\scomment|comments\sclosed|post\sa\scomment|this\sconversation\sis\s[\w-]*moderated)|
        may\snot\sbe\s(?:re)?published,\sbroadcast|reproduction\sin\swhole\sor\sin\spart|
        ^(?:last\s)?(?:updated|posted|published):?\s(?:at\s|on\s)?\d{1,2}[:.]\d{2}\s?(?:[ap]\.?m\.?)?(?:\s[a-z]{2,4})?
        (?:\s(?:on\s)?\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4})?$
    )""",
    re.IGNORECASE | re.VERBOSE,
)
NOTICE_WORDS = 60


def is_site_notice(line: str) -> bool:
    """A site's notice, however it is laid out: a disclaimer, the comment form's small print ("Comments
    are moderated"), a reprint line, a bare "Last updated at 8:37 AM on 18/01/08"."""
    stripped = line.strip(" -–—•*")
    if len(words(stripped)) > NOTICE_WORDS:
        return False
    return bool(_NOTICE.search(stripped))


# A video player's own words, as copied from its box: "Video Loading", "Click to playTap to play",
# "The video will start in 8CancelPlay now".
_PLAYER = re.compile(
    r"^(?:video\s(?:loading|unavailable|player)|(?:click|tap)\sto\splay|the\svideo\swill\sstart\sin)"
    r"(?:\b|(?-i:(?=[A-Z])))",  # the player's next words run on: "Click to playTap to play"
    re.I,
)
PLAYER_WORDS = 12


def is_player(line: str) -> bool:
    return len(words(line)) <= PLAYER_WORDS and bool(_PLAYER.match(line.strip()))


def is_furniture(line: str) -> bool:
    """True if ``line`` is furniture wherever it appears on the page."""
    return (
        is_prompt(line)
        or is_player(line)
        or is_reading_time(line)
        or is_caption(line)
        or is_tag_list(line)
        or is_navigation(line)
        or is_bio(line)
        or is_correction(line)
        or is_report_credit(line)
    )
