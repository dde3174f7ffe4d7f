"""Uppföljning: follow-up of private care providers for a social services board."""

from .celery import app as celery_app

__all__ = ("celery_app",)
