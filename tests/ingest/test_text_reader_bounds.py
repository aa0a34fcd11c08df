"""Two landmarks of a copied page bound its article, whatever the model makes of the prose
around it: the headline said again under the page's title line, where the article begins,
and the comment thread, where it has ended. Pages written for these tests."""

from __future__ import annotations

import numpy as np

from narrator.ingest.readers.text import decoder, read_text, segment
from narrator.ingest.readers.text.bounds import lead_over_line, to_footer


def _said(page: str) -> str:
    """The body's paragraphs as the reader keeps them, one a line."""
    return "\n".join(p for s in read_text(page).sections for p in s.paragraphs)


def assert_reads(page: str, article: list[str], left_out: list[str]) -> None:
    """Every paragraph of ``article`` is read, and nothing of ``left_out``."""
    body = _said(page)
    for paragraph in article:
        assert paragraph in body
    for paragraph in left_out:
        assert paragraph[:30] not in body, paragraph

# The site's sidebar sits above the post in the copied text: long blurbs that read as prose.
SIDEBAR = [
    "Consulting “As someone trying to get a small bakery going on my own, both time and money are short. "
    "I took the three-session package and came away with a plan for the next year that I actually follow, "
    "a price list that covers my costs, and the confidence to say no to orders that would have sunk me. "
    "I recommend it to anyone who bakes for a living and wonders where the money goes.” – Ann Pell, "
    "Rye & Crumb. Sessions run by phone or in person, and the first half hour is free.",
    "Books March, 2024: The Small Bakery Handbook is out and selling! (Looking for the e-book?) Below is a "
    "chapter list, a few pages to read for free, and the reviews so far. It covers ovens, flour contracts, "
    "the first hire, wholesale accounts, market stalls, allergen labels and how to take a holiday without "
    "closing for good, with worksheets for each. Bakers in eleven countries have written in to say it "
    "saved them a season, and the second printing adds a chapter on sourdough at scale.",
    "About Jo Marsh Jo Marsh is the author of The Small Bakery Handbook, hosts the Proving Drawer podcast, "
    "and has run a bakery on the same corner for nineteen years. She writes here about the business of "
    "baking: what to charge, when to hire, how to keep the ovens full on a wet Tuesday, and why the "
    "bakeries that last are rarely the ones with the best bread. She lives above the shop with two cats.",
]
POST = [
    "Last week's episode of the Proving Drawer was an interview with the miller who supplies half the "
    "bakeries in our valley, and it has had more replies than anything we have put out this year.",
    "She explained why flour prices jumped in the autumn, and why she thinks they will not fall back soon: "
    "the wet summer cut the harvest, and the mill's power bill has doubled since the spring.",
    "Her advice was blunt. Sign a contract for the whole year now, buy in bulk with two or three other "
    "bakeries, and stop pretending that a loaf can still sell for what it did in 2019.",
    "Give it a listen and tell me what you think.",
]
BLOG = "\n".join([
    "Why flour costs more this winter | Proving Drawer",
    "Home", "Podcast", "Blog", "Shop",
    "Small Bakery Help",
    SIDEBAR[0],
    "Bakery Handbook",
    SIDEBAR[1],
    "Ask Jo",
    SIDEBAR[2],
    "Home / Why flour costs more this winter",
    "Why flour costs more this winter",
    "Posted on: 02-03-2025 Posted by: Jo Marsh",
    *POST,
    "Categories: Podcast",
    "Share this:",
    "Related Posts",
    "Search",
    "Recent Comments",
    "Ben on Pricing a wedding cake",
    "Archives",
    "© Proving Drawer 2025, All rights reserved.",
])  # fmt: skip


def test_prose_above_the_headline_the_page_title_names_is_not_the_article():
    assert_reads(BLOG, POST, SIDEBAR)
    assert read_text(BLOG).title == "Why flour costs more this winter"


def test_a_page_whose_title_line_is_not_said_again_keeps_what_the_model_reads():
    """Without the echo there is no landmark: the reading is the model's, as before."""
    page = BLOG.replace("Home / Why flour costs more this winter\nWhy flour costs more this winter\n", "")
    assert_reads(page, POST, [])


WORKOUT = [
    "Sunday's workout honours a soldier from our town who died on patrol eight years ago this week.",
    "Run ten miles, then do one hundred and fifty pull-ups, split however you like. Post your time below.",
]
COMMENTS = [
    ("Comment #1 - Posted by: Matt at November 10, 2024 5:39 PM", "Well, this is going to hurt."),
    ("Comment #2 - Posted by: Kurt at November 10, 2024 5:55 PM", "A hard day of training for a hard day."),
    ("Comment #3 - Posted by: Lena at November 10, 2024 6:11 PM", "Pace it, and drink water."),
    ("Comment #4 - Posted by: Pablo at November 10, 2024 6:24 PM", "Thank you for your service."),
]
# One reader's essay, a paragraph a line, under its signature: more prose than the workout.
ESSAY = [
    "1) Remembrance. Today we remember all of those who have served in the armed forces. Or do we? What "
    "sort of recognition do we really give them, and how exactly will we show it this year?",
    "2) Childhood. My wife and I used to whisper in our children's ears each night that they were having "
    "a happy childhood, and they would laugh and tell us to stop. I have wondered since when childhood ends.",
    "It is certainly not the first day of school. Judging by my own experience it ends somewhere between "
    "the first job and the first mortgage, though I have met people who lost it far earlier than that.",
    "Could it be, though, that childhood never ends? I think of friends in their eighties who still laugh "
    "like schoolchildren, and of my grandmother, who climbed trees until she was seventy and never "
    "once thought it odd.",
    "All childhood really does end, of course. We all move on to something that looks like grown-up life, "
    "with its bills and its worries, but the best of us keep a little of it with them to the end.",
    "You are never too old to have a happy childhood.",
]
THREADED = "\n".join([
    "Hill Gym: Sunday 241110",
    "November 10, 2024",
    "Sunday 241110",
    WORKOUT[0],
    WORKOUT[1],
    "Posted by Coach Rae at November 10, 2024 5:00 PM",
    "Comments",
    *[line for signed in COMMENTS for line in signed],
    "Comment #5 - Posted by: Dr. Bingham at November 10, 2024 6:30 PM",
    *ESSAY,
    "Post a comment",
    "Name:",
    "Remember personal info?",
])  # fmt: skip


def test_a_long_comment_in_the_thread_is_not_taken_for_the_article_above_it():
    assert_reads(THREADED, WORKOUT, [c for _, c in COMMENTS] + ESSAY)


ESSAY_POST = [
    "When I first used a calculator that could carry fifty digits, I thought every sum I did would need it.",
    "I was wrong. A double holds about sixteen significant digits, and almost nothing I measure is known to "
    "more than four of them, so the extra digits only describe the noise more precisely than before.",
    "Extended precision earns its keep in one place: subtracting two large numbers that are nearly equal, "
    "where the digits that cancel would otherwise take the answer with them. Even there, a better formula "
    "is usually the cheaper cure.",
]
# Each comment under its number and signature, a paragraph a line.
MARKED_THREAD = {
    "Ann Moyle 07.19.24 at 07:57": [
        "Rounding errors bit me last year in a payroll system, so now I use decimals for money and doubles "
        "for everything else.",
        "The trick is knowing which is which before you start, not after the auditors call, and writing it "
        "down where the next person will find it.",
    ],
    "Tom 07.19.24 at 08:10": [
        "A system that estimates its own error beats a finger in the wind, and that is worth more to me than "
        "any number of extra digits.",
        "On the other hand, you can have more than fifty-three bits when you need them: keep two doubles, the "
        "value and its error, and add them with care. Libraries have done this for decades.",
        "I would rather know how wrong I am than be wrong with more decimal places, and most of the time the "
        "error bars tell me the digits were never the problem in the first place.",
    ],
    "R. Okafor 07.19.24 at 09:02": [
        "Graphics cards taught me the same lesson. Single precision is several times faster on most of them, so "
        "there is a big reward for making an algorithm work in it.",
        "Most of the time it is plenty if the algorithm is stable, and the unstable ones fail whatever "
        "precision you give them. Twenty-four bits is more than most of our sensors can tell apart.",
    ],
}
RUNS_ON = "\n".join([
    "Digits we do not need | Numbers Weekly",
    "Home", "About", "Books",
    "Digits we do not need",
    "by Jo Marsh on July 19, 2024",
    *ESSAY_POST,
    "Related posts:",
    "Floating point is a leaky abstraction",
    "Rounding is the least of my worries",
    "Tagged as: Math",
    "{ 3 comments… read them below or add one }",
    *[line for n, (signed, said) in enumerate(MARKED_THREAD.items(), 1) for line in (str(n), signed, *said)],
    "Leave a Comment",
])  # fmt: skip


def test_a_body_that_runs_on_into_the_comment_thread_ends_at_its_header():
    """A thread set in marks, its comments signed with a name and when they were posted."""
    assert_reads(RUNS_ON, ESSAY_POST, [p for comment in MARKED_THREAD.values() for p in comment])


LEAD = "With three weeks to go before the town elects a new mayor, the race has come down to an argument about buses."
REPEATED = "\n".join([
    "Skip to content",
    "The Ashby Courier Edition My profile",
    "Politics",
    "Three candidates, one question: who can fix the town's buses?",
    "By Ines Varga",
    "September 4, 2024",
    LEAD,
    "Advertisement",
    LEAD,
    "All three leading candidates say the network is failing. Ridership has fallen by a quarter since 2019, "
    "and the routes to the outer estates have been cut twice.",
    "Where they differ is on what to do about it, and on who should pay for the new depot.",
    "Most read",
    "Privacy policy",
])  # fmt: skip


def test_a_lead_repeated_across_an_ad_label_is_read_once():
    said = [p for s in read_text(REPEATED).sections for p in s.paragraphs]
    assert said.count(LEAD) == 1
    assert any(p.startswith("Where they differ") for p in said)


VOYAGE = [
    "A ferry launched by the mayor less than a month ago has been hit by a stomach bug on its first long trip.",
    "At least forty passengers have been confined to their cabins, and the crew has closed the buffet and the "
    "pool for the rest of the crossing, the operator said on Tuesday.",
    "The company said the outbreak was probably brought on board by a passenger and that the ship would be "
    "cleaned from top to bottom before its next sailing on Friday.",
]
HAVE_YOUR_SAY = {
    "Blake B, Los Angeles,": "I caught a bug like this on a cruise a couple of years ago, and I doubt I will ever go "
    "on another one, whatever the brochures promise about clean ships and friendly crews.",
    "Frances Reilly, Mallorca, Spain": "I was on the first sailing and did not see one person use the hand gel "
    "at the restaurant doors. The crew cannot be blamed for that, and neither can the ship, whatever the "
    "papers say about bad luck and broken bottles at the launch.",
    "Tom Hale, Leeds": "Staying in your cabin for three days of a holiday you paid thousands for is no joke, and "
    "the operator should offer every passenger something back, not just the ones who fell ill.",
}  # fmt: skip
SIGNED_WITH_PLACES = "\n".join([
    "Bug strikes new ferry on first long trip",
    "By Mara Quinn",
    *VOYAGE,
    "Have your say",
    *[line for signed, said in HAVE_YOUR_SAY.items() for line in (said, signed)],
    "Post a comment",
])  # fmt: skip


def test_a_thread_signed_with_names_and_places_ends_the_article():
    assert_reads(SIGNED_WITH_PLACES, VOYAGE, list(HAVE_YOUR_SAY.values()))


def test_a_title_part_of_marks_alone_is_no_headline():
    from narrator.ingest.readers.text.blocks import segment
    from narrator.ingest.readers.text.metadata import headline_echo

    assert headline_echo(segment("Bridge repairs | * * * | The Courier\n* * *\nThe council met on Monday.\n")) is None
    assert headline_echo(segment("Bridge repairs begin | The Courier\nMenu\nBridge repairs begin\nText.\n")) == 2


STORM = [
    "Coastal towns were cleaning up on Wednesday after the storm tore through overnight, leaving thousands "
    "of homes without power and the harbour road under water.",
    "The council said crews would work through the night to clear fallen trees from the main routes, and "
    "asked people to stay off the roads unless their journey was essential.",
]
STORM_AFTER = [
    "By the afternoon the water had begun to fall, and the first shops on the seafront opened their doors "
    "to count the cost. Several said they had lost a week's stock to the flood.",
    "Forecasters expect calmer weather from Friday, though another band of rain could reach the coast on "
    "Sunday night, the weather service said.",
]
CAPTIONS = [
    f"A resident of {town} looks at the damage to her street on Wednesday morning after the storm passed."
    for town in ("Harwick", "Eastport", "Millbay", "Northcliff", "Sandford", "Westerby", "Kelham", "Ashby")
]
GALLERY = "\n".join([
    "Storm leaves coast without power - The Courier",
    "Storm leaves coast without power",
    "By Ana Lind, The Courier",
    STORM[0],
    STORM[1],
    *CAPTIONS,
    *["The storm in pictures"] * len(CAPTIONS),
    *[str(k) for k in range(1, len(CAPTIONS) + 1)],
    *STORM_AFTER,
    "Most read",
])  # fmt: skip


def test_a_photo_gallery_copied_as_text_is_left_out_and_the_story_reads_across_it():
    assert_reads(GALLERY, STORM + STORM_AFTER, CAPTIONS)


def test_a_long_gallery_with_its_arrows_and_a_number_a_photo_is_left_out_too():
    """Sixty photos: the gallery's tools ("HIDE CAPTION", "<<", a number a photo, ">>",
    "Photos: <its title>") are the gallery's, so the story still reads across it."""
    captions = [f"{caption[:-1]}, photo {k}." for k in range(1, 9) for caption in CAPTIONS][:60]
    page = "\n".join([
        *GALLERY.split("\n")[:5], *captions, *["The storm in pictures"] * 60, "HIDE CAPTION", "<<", "<",
        *[str(k) for k in range(1, 61)], ">", ">>", "Photos: The storm in pictures", *STORM_AFTER, "Most read",
    ])  # fmt: skip
    assert_reads(page, STORM + STORM_AFTER, captions)


POSITION = [
    "The department is hiring a lecturer in the philosophy of science for a three-year post starting next "
    "September, with a chance of renewal.",
    "Experimental philosophers are especially welcome to apply, and the closing date is the end of November.",
]
FORM = [
    "This is only a preview. Your comment has not yet been posted.",
    "Your comment could not be posted. Error type: the letters did not match.",
    "The letters and numbers you entered did not match the image. Please try again.",
    "As a final step before posting your comment, enter the letters and numbers you see in the image below. "
    "This prevents automated programs from posting comments.",
    "Having trouble reading this image? View an alternate.",
]
WITH_FORM = "\n".join([
    "Lecturer wanted | Thinking Aloud",
    "Lecturer wanted",
    *POSITION,
    "Posted by Ada Brook on Monday, October 22, 2024 at 04:17 PM | Permalink",
    "Comments",
    "Verify your Comment",
    "Previewing your Comment",
    "Posted by: |",
    *FORM,
    "Continue",
])  # fmt: skip


def test_a_comment_form_under_the_post_is_not_read():
    assert_reads(WITH_FORM, POSITION, FORM)


TRANSFER_LEAD = (
    "Harbour United are hoping to complete the signing of their new striker in time for this weekend's cup tie."
)
TRANSFER = [
    "Northcliff have already turned down one offer for the forward, but are said to be willing to let him go "
    "for the right fee before the window closes.",
    "United want the deal done quickly, as two of their three senior strikers are injured and the third is "
    "away at the regional championship.",
]
UNDER_THE_DATE = "\n".join([
    "Evening Courier", "Home", "> Sport", "> Football", "Football",
    "United hope to sign striker before weekend",
    "Email Article", "Print Version", "Search", "Most Emailed", "Most Read",
    "Wednesday, January 09, 2025",
    TRANSFER_LEAD,
    *TRANSFER,
    "More articles in Football",
    "Cup draw made for the spring",
    "Keeper set for loan move",
])  # fmt: skip


def test_the_lead_under_the_date_is_read_with_the_body():
    assert_reads(UNDER_THE_DATE, [TRANSFER_LEAD, *TRANSFER], ["Cup draw made"])


def test_an_article_the_page_carries_twice_is_read_once():
    story = [
        "The harbour board voted on Monday to replace the two oldest cranes on the north quay by the end of next year.",
        "The cranes, built in 1974, have broken down eleven times since January, holding up ships for up to a day.",
        "The new cranes will cost 14 million, paid for by a loan the board will repay from its port charges.",
        "Dock workers' representatives welcomed the decision but asked for training on the new machines.",
    ]
    again = [line.replace("'", "’") for line in story]  # the second copy's quotes are curly
    page = "\n".join(["Harbour to replace its oldest cranes", "By Lena Ortiz", *story, "Print this story",
                      "Tags: harbour, cranes", "Harbour to replace its oldest cranes", *again, "Most read",
                      "Storm closes the coast road"])  # fmt: skip
    body = _said(page)
    assert all(body.count(paragraph[:40]) == 1 for paragraph in story), body


def test_one_paragraph_said_again_far_below_is_not_taken_for_a_copy():
    story = [
        "The harbour board voted on Monday to replace the two oldest cranes on the north quay by the end of next year.",
        "The cranes, built in 1974, have broken down eleven times since January, holding up ships for up to a day.",
        "The new cranes will cost 14 million, paid for by a loan the board will repay from its port charges.",
        "Dock workers' representatives welcomed the decision but asked for training on the new machines.",
        "The board's chair said the first crane should arrive in the spring and be working by the summer.",
        "The harbour board voted on Monday to replace the two oldest cranes on the north quay by the end of next year.",
    ]
    body = _said("\n".join(["Harbour to replace its oldest cranes", "By Lena Ortiz", *story, "Most read"]))
    assert body.count(story[0][:40]) == 2, body


def test_a_post_under_its_echoed_headline_and_date_is_read_when_the_sidebar_comes_first():
    """A blog's copied page: sidebar and footer first, then the post, which the model doubts
    (it sits below "powered by" lines). The headline said again, with its date under it,
    says where the post is."""
    post = [
        "Last month we said that quarterly usage reports would get a new home in the dashboard, with figures "
        "broken down by team and by week instead of by account alone.",
        "The old page will close on Monday, and the exports made there will not carry over to the new one, so "
        "if you use those figures in planning, download every report you want to keep before then.",
    ]
    head = "Quarterly usage reports are moving to a new page on Monday. Save any old exports now."
    sidebar = ["Visit our directory for more information about Harbour blogs.",
               "Got a question about the blog? Send us a note.",
               "This blog is powered by Blogger. Start your own blog."]  # fmt: skip
    page = "\n".join([
        f"{head} - Harbour Analytics Blog", "skip to main | skip to sidebar", "Sign in to your Harbour account",
        "Product Tour", "Pricing", "Help Center", "Search This Blog", "Posts by Topic",
        "- Topic - Announcements Dashboards Exports Integrations Release notes Tips", "Archives",
        "Archives November (4) October (12) September (9) August (11) July (7)", "Site Feed", "Useful Links",
        "Harbour Status", "About this blog", "More Blogs from Harbour", sidebar[0], "Follow Harbour on Twitter",
        "Enter your email address:", "Delivered by FeedBurner", *sidebar[1:],
        head, "Thursday, November 08, 2012 | 9:15 AM", post[0], "Keeping reports from before October", post[1],
        "Posted by Maria Olsen, Harbour Product Manager", "| Email Post",
        "Email This BlogThis! Share to Twitter Share to Facebook", "Newer Post Older Post Home",
        "©2012 Harbour - Privacy Policy - Terms of Service",
    ])  # fmt: skip
    assert_reads(page, post, sidebar)
    article = read_text(page)
    assert (article.title, article.author) == (head, "Maria Olsen")


def _decoded_to(page: list[str], last: str) -> tuple[list, np.ndarray]:
    """The page's blocks, with the decoder's body taken to end at ``last``."""
    blocks = segment("\n".join(page))
    end = next(i for i, b in enumerate(blocks) if b.text == last)
    states = np.full(len(blocks), decoder.POST)
    states[2 : end + 1] = decoder.IN
    return blocks, states


def test_a_blog_post_runs_to_its_own_posted_by_footer_however_the_model_doubts_its_last_lines():
    tail = [
        "Most of the paste went into lined trays to set, then into wax paper for later. Like Christmas. ;)",
        "So, there you are -- one tree, two weekends, a year of breakfasts.",
    ]
    page = ["Quince paste", "Saturday, October 20, 2012",
            "We finally got round to the quince tree this weekend, and the crop came in at nine kilos.",
            "Simmer the quinces until soft, drain, then blend them to a smooth puree.", *tail,
            "Posted by Hal at 9:40 PM", "2 comments:", "Ruth said...", "Lovely colour on that paste!"]  # fmt: skip
    blocks, states = _decoded_to(page, page[3])
    read = [b.text for b, s in zip(blocks, to_footer(blocks, states), strict=True) if s == decoder.IN]
    assert read[-2:] == tail
    # a comment thread's header or a share row between the body and a signature stops it
    for between in ("2 comments:", "Email This BlogThis! Share to Twitter Share to Facebook"):
        blocks, states = _decoded_to([*page[:4], between, *page[4:]], page[3])
        assert (to_footer(blocks, states) == states).all(), between


def test_the_first_paragraphs_above_a_long_sidebar_are_read_with_the_rest_of_the_article():
    """A body split across containers: the first two paragraphs under the byline and date,
    then a sidebar of videos and related links forty lines long, then the rest."""
    first = [
        "ALDER BAY — The harbour board was accused of a cover-up yesterday after saying the collapse of the "
        "north pier was caused by a storm rather than by years of missed repairs.",
        "As divers searched the water for a second day, dock workers gathered at the gates, and several said "
        "they had warned the board about cracks in the pier's supports last winter.",
    ]
    rest = [
        f"{lead} said the board had known about the cracks since {year}, and that the repairs had been put off "
        f"{times} times to save money for the new ferry terminal."
        for lead, year, times in [("A union official", 2019, "three"), ("A former engineer", 2020, "four"),
                                  ("A harbour pilot", 2021, "two"), ("A local councillor", 2018, "five")]
    ]  # fmt: skip
    sidebar = ["Videos", *[f"Divers search the harbour, day {k}" for k in range(1, 15)], "Related Articles",
               *[f"Analysis: what the pier meant to Alder Bay, part {k}" for k in range(1, 20)]]  # fmt: skip
    page = "\n".join([
        "Home", "News", "Business", "Sport", "Blame game begins over pier collapse",
        "By Ruth Okafor", "Special to The Courier", "December 29, 2023 at 11:29 AM EST",
        *first, *sidebar, *rest, "Share this article", "Most read",
    ])  # fmt: skip
    assert_reads(page, first + rest, sidebar[1:3])


def test_the_first_paragraph_above_one_short_line_over_the_body_is_read():
    """One short line (a subheading, a photo's short caption) between the article's first
    paragraph and the rest: the paragraph is read when the model thinks it body; a photo's
    caption over its credit (a short sentence) is not."""
    lead = ("Portsmouth's manager has denied any talk linking him with the vacant post at Newcastle, saying he had "
            "not spoken to anyone at the club and was happy where he is.")  # fmt: skip
    body = "However, he said he was content with his life on the coast, which he would not give up for a job up north."
    for above, line, read in [
        (lead, "No go: he will stay at Portsmouth", True),
        (lead, "Synopsis", True),
        ("Enlarge / The rocket lifts off from Port Alvar on Tuesday evening.", "Skyward Launch Systems", False),
        (lead, "He said he was staying put.", False),  # a sentence between: not one short line
    ]:
        blocks = segment("\n".join(["Home", above, line, body]))
        probs = np.zeros((4, 6))
        probs[:, 1] = [0.0, 0.65, 0.01, 0.95]  # the model's chance of body for each line
        states = np.array([decoder.PRE, decoder.PRE, decoder.PRE, decoder.IN])
        assert bool(lead_over_line(blocks, probs, states)[1] == decoder.IN) is read, (above, line)
