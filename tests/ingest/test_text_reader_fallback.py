"""Copied text where the model's likeliest body is a table of figures far below the story
(a sidebar of prices): the story is read whole, its lead included, even when a label
("Article:") stands between its paragraphs."""

from __future__ import annotations

from narrator.ingest.readers.text import read_text

STORY = [
    "The harbour pilots went back to work on Thursday, which means the first cargo ships should be moving "
    "again by the weekend.",
    "The pilots' association voted to end the stoppage after a late meeting with the port authority, a "
    "spokesman said on Thursday evening.",
    "It is not yet clear when the backlog of ships waiting outside the breakwater will clear, but the port "
    "expects most of them to berth within four days, according to the authority's harbour master.",
]
HEADLINES = [
    "Ferry timetable changes for winter", "Dock cranes get new operators", "Why the breakwater needs repair",
    "Container rates fall again", "Tug crews ask for new contract", "Night shifts at North Quay",
    "A new berth for cruise ships", "Harbour fees rise in April", "Pilot boats to be replaced",
    "Cargo volumes hit record", "Storm damage at the marina", "Port police add patrols",
    "Fish market moves to East Pier", "Shipping line adds a route", "Dredging starts next month",
    "Harbour master retires", "Fuel barge delayed", "Lighthouse open to visitors", "Customs checks to speed up",
    "Quay wall study published", "Bridge tolls frozen for a year", "Rowing club wins regatta",
    "Old warehouse to become flats", "Sailors rescued off the cape", "Boatyard hires apprentices",
    "Harbour swim date set", "Sea wall art unveiled", "New cafe on the promenade",
    "Parking rules change at the docks", "Ferry crew praised for rescue", "Grain ship runs aground",
    "Cable laying ship in port", "Coastguard drill on Sunday", "Marina prices to rise", "Ice warning for small craft",
]  # fmt: skip
PRICES = [
    "M. Okafor $86.79 +12.89%", "North Quay Freight $64.44 +7.17%", "K. Lindqvist $95.01 +6.16%",
    "R. Baptiste $72.44 +6.14%", "S. Moreau $89.06 +5.53%", "Valtera $50.58 +4.67%", "Eastport $95.53 +3.66%",
    "Drake Line $78.05 +3.58%", "West Basin $83.06 +3.28%",
]  # fmt: skip

PAGE = "\n".join([
    "Harbour Pilots Return To Work : TIDEWATCH",
    "Already a member? Sign In Not a member? Sign Up",
    "TIDEWATCH Ports", "Boats Ferries", "Cargo Cruise", "Top Writers Search Members",
    "WELCOME WELCOME MY TIDEWATCH MY TIDEWATCH", "Write a Post",
    "PORTS / Harbour Desk PORTS / Harbour Desk", "Share | Email | Print",
    "Harbour Pilots Return To Work",
    "| Mar 12 2009 06:15 PM PST By QUAYSIDE44",
    "Topics: pilots harbour valtera strike",
    STORY[0], "Article:", STORY[1], STORY[2],
    "Go to Harbour Desk", "Comments (2):", "good news for once", "DOCKHAND9 Mar 12 2009 06:40 PM PST |",
    "about time they sorted it out", "FERRYFAN Mar 12 2009 07:02 PM PST |", "Write your own comment:",
    "More Posts Write a post »", *HEADLINES, "More Posts »",
    "Port Movers", "Vessel Price Change (24hr)", *PRICES,
    "Help", "Getting Started", "How Trading Works",
])  # fmt: skip


def test_a_story_split_by_a_label_is_read_whole_not_a_table_of_prices():
    article = read_text(PAGE)
    paragraphs = [p for section in article.sections for p in section.paragraphs]
    assert [p for p in paragraphs if p in STORY] == STORY  # the lead too, and in order
    assert not any("$" in p for p in paragraphs)
    assert not any(p in HEADLINES for p in paragraphs)
    assert article.title == "Harbour Pilots Return To Work"
