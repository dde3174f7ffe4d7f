"""Generated documents for the board."""
