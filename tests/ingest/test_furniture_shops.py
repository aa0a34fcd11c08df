"""Furniture of today's pages that the line tests recognise: shop buttons, affiliate notes,
cookie consent, author footers that name the beat, a video player's fallback line, tip lines,
"originally appeared" notes, a sign-up box's small print, a card stack's counter, a social
post's embed lines and a wire story's reporting credit; prose that mentions the same words stays."""

from __future__ import annotations

import pytest

from narrator.ingest import furniture as F


@pytest.mark.parametrize(
    "line",
    [
        "View deal",
        "Check price",
        "Buy now",
        "Shop now",
        "Our journalists independently select products. If you buy through our links, we may earn a commission.",
        "Prices were accurate at the time of publishing but may change.",
        'By clicking "Accept all", you agree to the storing of cookies on your device to enhance site navigation.',
        "Zeno Farrant covers football for The Port Alder Observer. He joined the newsroom in 2016.",
        "Buy at Brightbuy",
        "Shop now at Kettleby's",
        "See price at Shopwell",
        "Article continues below this ad",
        "Continue reading the main story",
        "© Channel 12 2020",
        "© Copyright 2019 NewsCenter 5 Ltd. Registered in England and Wales.",
        "You can unsubscribe at any time. This site is protected by reCAPTCHA.",
        "Enter your email address to get breaking news alerts and exclusive offers.",
        "Start your free trial",
        "References",
        "Buying through links on this page may earn Laptop Daily a commission, at no extra cost to you.",
        "Voltmart$849View Deal",
        "Media playback is unsupported on your device",
        "Follow Jane Doe on Twitter: @janedoe",
        "This article originally appeared on USA TODAY: Storm hits coast",
        "Got a confidential news tip? We want to hear from you.",
        "By submitting your email, you agree to our Terms and Privacy Notice. You can opt out at any time.",
        "By signing up, you agree to our Terms of Use and acknowledge the data practices in our Privacy Policy.",
        "4/6",
        "2 of 12",
        "View this post on Instagram",
        "A post shared by Harbour Rowing Club (@harbourrowing) on Jun 3, 2021 at 9:14am PDT",
        "Related Video",
        "View All 30",
        "Don't miss a thing! Get the week's best stories delivered free to your inbox.",
        "Reporting by Ana Lind in Oslo and Piet de Vries in Stockholm; Editing by Tom Reyes",
        "Additional reporting by Jo Lee in Paris.",
        "Harbour News' Kelly Marsh and Dan Ode contributed to this report.",
    ],
)
def test_shop_buttons_affiliate_notes_cookie_consent_and_beat_footers_are_furniture(line: str) -> None:
    assert F.is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "The council will buy now and sell later, the mayor said, once the market has settled.",
        "Shoppers who check prices online before they travel saved about a tenth, the survey found.",
        "Her team covers the whole coast for the rescue service, from the harbour to the cliffs.",
        "Shoppers can buy at the market on Saturdays or at the farm shop during the week, she said.",
        "The copyright on the photographs expired in 1990, and the archive has since put them online.",
        "Farmers may earn a fee for each tonne they store, the minister said.",
        "Estate agents may earn a commission of up to three percent on each sale, the report found.",
        "Fans follow the team on Twitter and on the radio, the club's survey found.",
        "Residents who have a tip should call the police on the usual number, officers said.",
        "A post shared by the council on Facebook drew three hundred comments in a day.",
        "By signing up early, parents agreed to pay less for the summer scheme, the council said.",
        "The side scored 4/6 on the checklist, the inspectors found.",
        "Reporting by the harbour board found that the cranes had not been serviced since 2019.",
        "Two agencies and dozens of volunteers, working for most of a year on the survey of the harbour "
        "walls, contributed to this report, which the council published on Monday.",
    ],
)
def test_prose_with_the_same_words_is_not_furniture(line: str) -> None:
    assert not F.is_furniture(line)
