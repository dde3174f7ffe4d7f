"""The board's plan for 2024 (001_…) and the two special follow-ups of 2023 its table shows.

001's table marks 2023 for Stödboende för vuxna and Konsulentstödd familjehemsvård, 2024 for
Stödboende för ungdomar, HVB barn och unga and spelberoende (the three special follow-ups
of 004), and 2025 for Skyddat boende and HVB för vuxna. The 2023 follow-ups are recorded
only as done (001 gives no more); the plan is proposed and then set as 001 decided it,
through the plan services, so it reads as a strategist would have made it. HVB för vuxna's
period ended 2024-03-31, so the system cannot place it in 2025: the plan keeps 001's
reason for the exception.
"""

import datetime

from followups.models import FollowUpKind, FollowUpPlan, PlannedFollowUp
from followups.planning import services as plan_services

from .work2024 import Work2024, at_hour

D = datetime.date

SPECIALS_2023 = [
    # (agreement key, start, end); the dates are invented, 001 gives only the year.
    ("stod_vuxna", D(2023, 9, 4), D(2023, 11, 24)),
    ("konsulent", D(2023, 3, 6), D(2023, 5, 26)),
]
# Documents print a conclusion as it stands, so it carries no demo note: that the dates are
# invented is said here and in the rows' history ("Demodata").
CONCLUSION_2023 = (
    "Särskild uppföljning 2023 enligt nämndens plan för uppföljning av privata utförare."
)
PLAN_2024 = {2024: ("stod_ungdom", "hvb_barn", "spel"), 2025: ("skyddat",)}
PLAN_2024_DATE = D(2024, 2, 28)
PLAN_2024_REASON = (
    "Ramavtalet HVB för vuxna med missbruk löpte ut 2024-03-31. Enligt planen (001) görs den "
    "särskilda uppföljningen av HVB för vuxna 2025, inom det nya ramavtalet."
)


class Plan2024(Work2024):
    def specials_2023(self):
        for key, start, end in SPECIALS_2023:
            agreement = self.agreements[key]
            title = f"Särskild uppföljning 2023 {agreement.name}"
            if self._exists(agreement, title):
                continue
            followup = self._start(
                kind=FollowUpKind.SPECIAL, agreement=agreement, title=title, start=start, end=end
            )
            self._complete(followup, end, CONCLUSION_2023)

    def plan_2024(self):
        board = self.agreements["hvb_barn"].board
        if FollowUpPlan.objects.filter(board=board, year=2024).exists():
            return
        plan = plan_services.plan_propose(
            board=board, year=2024, user=self.strategist, capacity=3, today=PLAN_2024_DATE
        )
        selected = {
            (self.agreements[key].pk, year) for year, keys in PLAN_2024.items() for key in keys
        }
        plan_services.plan_set_selection(plan=plan, user=self.strategist, selected=selected)
        plan_services.plan_accept(
            plan=plan, user=self.strategist, deviation_reason=PLAN_2024_REASON
        )
        # The services stamp "now"; the plan was made and accepted on 001's date.
        when = at_hour(PLAN_2024_DATE, 14)
        FollowUpPlan.objects.filter(pk=plan.pk).update(created_at=when, accepted_at=when)
        plan.history.update(history_date=when)
        PlannedFollowUp.history.filter(plan_id=plan.pk).update(history_date=when)
        self.created["followup_plan"] += 1
