"""Reading served HTML in tests: a small parser and the CSP-related checks of every page."""

from __future__ import annotations

from html.parser import HTMLParser

__all__ = ["Page", "assert_no_inline_code", "parse"]


class Page(HTMLParser):
    """Collects what the checks below look at."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.data: dict[str, str] = {}
        self._json_id: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "script" and a.get("type") == "application/json":
            self._json_id = a.get("id")

    def handle_data(self, data: str) -> None:
        if self._json_id:
            self.data[self._json_id] = data

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._json_id = None

    def find(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        return [
            a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())
        ]


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


def assert_no_inline_code(page: Page) -> None:
    """CSP is script-src 'self', style-src 'self': no inline script, handler or style."""
    for tag, attrs in page.tags:
        assert "style" not in attrs, tag
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        if tag == "script":
            assert attrs.get("src") or attrs.get("type") == "application/json", attrs
