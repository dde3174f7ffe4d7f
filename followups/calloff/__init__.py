"""The call-off status (avropskontroll): may this supplier or unit be used today, within an
agreement? Blocked, caution or clear, with every reason.

types (the answer) < snapshot (the rows) < subject, rules (the rule table) < selectors (the
queries) < services (logging a check) < forms, filters, views, api, urls (the pages).
"""
