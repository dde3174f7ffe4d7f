"""Scheduled controls: rules are evaluated by a daily sweep into work items."""
