"""Long articles for benchmarks, written from templates so any length can be made.

The text reads like a local news report: varied sentences with names, numbers, dates
and quotes, so the normaliser and the voice do realistic work.
"""

from __future__ import annotations

import random

PLACES = ["Brekka", "Millbrook", "Ashby", "Carrow", "Lindmark", "Westport", "Amble Cross", "Valtera"]
PEOPLE = ["Ines Okafor", "Rick Dunmore", "Petra Havel", "Tom Aske", "Ada Pell", "Hanne Ostrova", "Luis Beltran"]
ROLES = ["the council leader", "a local shopkeeper", "the head teacher", "a bus driver", "the finance chair"]
TOPICS = ["the new bridge", "the library budget", "the tram extension", "flood defences", "the market square"]
SENTENCES = [
    "{person}, {role}, said the plan for {topic} would be reviewed in {month}.",
    "About {n:,} residents signed a petition about {topic} before the meeting in {place}.",
    "The work on {topic} is expected to cost ${m}.{d} million and to take {k} months.",
    '"We have waited long enough," said {person}. "People in {place} deserve an answer."',
    "Councillors voted {a}-{b} to delay a decision on {topic} until the spring.",
    "Figures published on {month} {day} showed that {p}% of households in {place} supported the change.",
    "In {year}, a similar proposal for {topic} was withdrawn after a public inquiry.",
    "Officials said traffic through {place} would be diverted for {k} weeks while {topic} is finished.",
    "{person} told reporters that the council had received {n:,} letters about {topic}.",
    "Opponents argue that {topic} will mostly benefit visitors, not the people who live in {place}.",
    "The next public meeting on {topic} will be held at the town hall in {place} at {h}:30 p.m.",
    "A report by the regional planning office found that {topic} could save {k} minutes a day for commuters.",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "September", "October", "November"]


def _sentence(rng: random.Random) -> str:
    return rng.choice(SENTENCES).format(
        person=rng.choice(PEOPLE),
        role=rng.choice(ROLES),
        topic=rng.choice(TOPICS),
        place=rng.choice(PLACES),
        month=rng.choice(MONTHS),
        day=rng.randint(1, 28),
        n=rng.randint(200, 20000),
        m=rng.randint(1, 90),
        d=rng.randint(1, 9),
        k=rng.randint(2, 18),
        a=rng.randint(5, 9),
        b=rng.randint(1, 4),
        p=rng.randint(40, 80),
        year=rng.randint(1990, 2022),
        h=rng.randint(5, 8),
    )


def article(words: int, seed: int = 0) -> str:
    """A Markdown article of about ``words`` words, with a heading every eight paragraphs."""
    rng = random.Random(seed)
    parts = ["---", f"title: Council report number {seed}", "author: Benchmark Desk", "date: 2025-06-01", "---", ""]
    count = 0
    paragraph = 0
    while count < words:
        if paragraph and paragraph % 8 == 0:
            parts += [f"## Part {paragraph // 8 + 1}", ""]
        text = " ".join(_sentence(rng) for _ in range(rng.randint(2, 4)))
        parts += [text, ""]
        count += len(text.split())
        paragraph += 1
    return "\n".join(parts)


def edit_one_paragraph(text: str) -> str:
    """The same article with one word changed in one paragraph, as after a correction."""
    lines = text.split("\n")
    for i in range(len(lines) // 2, len(lines)):
        if lines[i] and not lines[i].startswith(("#", "---")) and " the " in lines[i]:
            lines[i] = lines[i].replace(" the ", " this ", 1)
            return "\n".join(lines)
    raise ValueError("no paragraph to edit")
