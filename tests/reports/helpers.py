import io
import re

from pypdf import PdfReader


def pdf_text(content: bytes) -> str:
    """The PDF's text with whitespace (incl. non-breaking spaces) collapsed to single spaces."""
    reader = PdfReader(io.BytesIO(content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", text.replace("\xa0", " "))


def pdf_pages(content: bytes) -> list[str]:
    reader = PdfReader(io.BytesIO(content))
    return [re.sub(r"\s+", " ", p.extract_text().replace("\xa0", " ")) for p in reader.pages]
