"""Follow-ups, checks and scheduled controls."""
