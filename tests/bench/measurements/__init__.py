"""Every module in this package registers measurements; importing the package loads them all.

Add a module per area (`sweep.py`, `annual_report.py` …) rather than editing another's.
"""

import importlib
import pkgutil


def load_all() -> None:
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        importlib.import_module(f"{__name__}.{info.name}")
