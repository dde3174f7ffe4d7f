"""Demo data: the board, agreements and suppliers of the 2024 report (004_…)."""
