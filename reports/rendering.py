"""HTML and PDF rendering of the documents: one template per document, WeasyPrint for PDF.

WeasyPrint may only read the project's own static files: text that users typed (a supplier
named `<img src="file:///etc/passwd">`) is escaped by the template, and even markup that got
through could not pull in a local file or make a network request.
"""

import logging
import mimetypes
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)
# WeasyPrint logs every layout step at INFO; the job's own progress says enough.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

# Relative URLs in a document resolve against this base; only its /static/ part is served.
DOCUMENT_BASE_URL = "https://uppfoljning.invalid/"

TEMPLATES = {
    "annual": "reports/annual.html",
    "followup": "reports/followup.html",
    "feedback": "reports/feedback.html",
    "plan": "reports/plan.html",
}


class StaticOnlyFetcher(URLFetcher):
    """Serves the project's static files to WeasyPrint and refuses every other URL."""

    def __init__(self, **kwargs):
        super().__init__(allowed_protocols={"https"}, allow_redirects=False, **kwargs)
        self.refused: list[str] = []

    def fetch(self, url, headers=None):
        static_prefix = DOCUMENT_BASE_URL + settings.STATIC_URL.lstrip("/")
        path = unquote(urlsplit(url).path) if url.startswith(static_prefix) else ""
        relative = path.removeprefix("/" + settings.STATIC_URL.strip("/") + "/")
        found = finders.find(relative) if path and ".." not in relative.split("/") else None
        if not found:
            self.refused.append(url)
            logger.warning("Document tried to fetch %s; refused", url)
            raise ValueError(f"Only the project's static files may be fetched, not {url}")
        mime_type = mimetypes.guess_type(found)[0] or "application/octet-stream"
        with open(found, "rb") as fh:
            body = fh.read()
        return URLFetcherResponse(url, body, {"Content-Type": mime_type})


def render_html(kind: str, ctx: dict, *, for_pdf: bool = False) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return render_to_string(TEMPLATES[kind], {**ctx, "for_pdf": for_pdf})


@dataclass
class RenderedPdf:
    content: bytes
    pages: int
    html: str
    refused_urls: list


def render_pdf(kind: str, ctx: dict) -> RenderedPdf:
    html = render_html(kind, ctx, for_pdf=True)
    return html_to_pdf(html)


def html_to_pdf(html: str) -> RenderedPdf:
    fetcher = StaticOnlyFetcher()
    document = HTML(string=html, base_url=DOCUMENT_BASE_URL, url_fetcher=fetcher).render()
    content = document.write_pdf()
    return RenderedPdf(
        content=content, pages=len(document.pages), html=html, refused_urls=fetcher.refused
    )
