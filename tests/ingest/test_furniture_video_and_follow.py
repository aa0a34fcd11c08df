"""A video player's button and its card ("Play Video", a title run into its running time when
the page is copied), a photo gallery's label run into its title, and a writer's "Follow ... on
Twitter" link are furniture; prose about videos, galleries, times of day and following is not."""

from __future__ import annotations

import pytest

from narrator.ingest.furniture import is_furniture


@pytest.mark.parametrize(
    "line",
    [
        "Play Video",
        "Watch the video",
        "River rises over Mill Street bridge01:48",
        "Follow on Twitter",
        "Follow Marta Olsen on Twitter",
        "Follow The Valley Courier on Instagram.",
        "GalleryStars Who Said Goodbye to the Road",
        "Photo GalleryThe Flood in Pictures",
    ],
)
def test_video_cards_and_follow_links_are_furniture(line: str) -> None:
    assert is_furniture(line)


@pytest.mark.parametrize(
    "line",
    [
        "The match kicks off at 12:30 on Saturday.",
        "Follow the money",
        "He ran the course in 2:14:09, a record for the town.",
        "Police asked anyone with a video of the crash to get in touch.",
        "She told her followers on Twitter that she would stand again.",
        "Gallery owners on the street said the rent had doubled.",
        "Gallery of Modern Art",
    ],
)
def test_prose_about_videos_times_and_following_is_not(line: str) -> None:
    assert not is_furniture(line)
