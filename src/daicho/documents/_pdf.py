"""HTML to PDF with WeasyPrint; Japanese text is set in Noto Sans CJK and embedded as text."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["html_to_pdf", "htmls_to_pdf"]


def html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """Render an HTML document to PDF bytes.

    The documents' stylesheet sets ``font-family`` on ``html`` (so the ``@page`` header and
    footer use it too) to Noto Sans CJK JP, which must be installed (Debian
    ``fonts-noto-cjk``); WeasyPrint embeds the subset it uses, so Japanese is real text in the
    PDF (``pdftotext`` reads it back), not images or tofu. Nothing is fetched from the
    network: a resource that is not inline (or a local file) is left out.

    Parameters
    ----------
    html
        A complete HTML document, e.g. from :func:`render_dossier_index`.
    base_url
        Where relative links resolve (default: none).

    Returns
    -------
    bytes
        The PDF file.
    """
    return htmls_to_pdf([html], base_url=base_url)


def htmls_to_pdf(htmls: Sequence[str], *, base_url: str | None = None) -> bytes:
    """Render several HTML documents into one PDF, one after another (each from a new page)."""
    from weasyprint import HTML  # type: ignore[import-untyped]
    from weasyprint.urls import URLFetcher  # type: ignore[import-untyped]

    # Only inline data and local files: documents are rendered offline, never from the network.
    fetcher = URLFetcher(allowed_protocols=("data", "file"))
    documents = [
        HTML(string=html, base_url=base_url, url_fetcher=fetcher).render() for html in htmls
    ]
    pages = [page for document in documents for page in document.pages]
    return bytes(documents[0].copy(pages).write_pdf())
