"""The project app's own models: those of the core kit (uppfoljning.core) live here."""

from .core.dispatch import PendingDispatch

__all__ = ["PendingDispatch"]
