"""The yearly plan and what it rests on: the risk ranking and the special follow-up's coverage.

`risk` ranks agreements and suppliers, `coverage` is the one home of the rule "one special
follow-up per agreement period", `proposal` turns both into the year's plan; `services` holds
the writes and `views`/`urls` the pages (their URL names stay `followups:...`).
"""
