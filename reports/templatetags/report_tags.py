"""Helpers for the document templates."""

from pathlib import Path

from django import template
from django.contrib.staticfiles import finders
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key, "")


@register.simple_tag
def document_stylesheet():
    """static/css/document.css, for a PDF's inline <style>. The browser's preview links the
    same file instead (the Content-Security-Policy refuses inline style)."""
    return mark_safe(Path(finders.find("css/document.css")).read_text())
