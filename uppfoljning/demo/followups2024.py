"""The follow-up work of 2024 (004_…) and a little of today's, through the follow-up services;
also the board's plan for 2024 (001_…) with the special follow-ups of 2023 it shows.

Runs after the register part of the demo. Each block is keyed on something natural (a
follow-up's agreement and title, a deviation's agreement and text) and skipped when it
exists, so a second run changes nothing. Services stamp some times with "now" (when a
deviation was reported and triaged); those are moved back to the demo's dates afterwards,
so the year reads as it happened.
"""

import datetime

from .events2024 import EventsAndDeviations
from .plan2024 import Plan2024
from .specials2024 import SpecialFollowUps


class Year2024(SpecialFollowUps, EventsAndDeviations, Plan2024):
    """The year, in the order it happened enough for the services' rules."""

    def load(self):
        self.specials_2023()
        self.special_hvb()
        self.special_stod()
        self.event_driven_after_special_stod()
        self.special_spel()
        self.plan_2024()
        self.ivo_reviews()
        self.event_driven_from_register()
        self.deviations()
        self.live()


def load_year_2024(*, today: datetime.date, created) -> None:
    Year2024(today=today, created=created).load()
