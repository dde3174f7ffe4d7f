"""The kit every package builds on; it imports no app of the project (see docs/architecture.md)."""
