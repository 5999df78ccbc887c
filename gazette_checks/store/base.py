"""The store interface and the lazily read text of an archived file."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from ..read import Source

if TYPE_CHECKING:
    from ..records import Records


class Store(Protocol):
    """Archived records that cross-document rules compare new records with."""

    def candidates(self, records: Records) -> Records:
        """The archived rows the XD rules need to check `records` (never the files of `records`)."""
        ...


class LazySource(Source):
    """The text of an archived file, read from its store on first use."""

    def __init__(self, name: str, fetch: Callable[[], str], encoding: str = "utf-8") -> None:
        self.name = name
        self.encoding = encoding
        self._fetch = fetch
        self._text: str | None = None
        self._lines: list[str] | None = None

    @property  # type: ignore[override]
    def text(self) -> str:
        if self._text is None:
            self._text = self._fetch()
        return self._text

    @property  # type: ignore[override]
    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = self.text.split("\n")
        return self._lines

    @property
    def loaded(self) -> bool:
        """True once the text has been read."""
        return self._text is not None

    def __repr__(self) -> str:
        return f"LazySource({self.name!r}, loaded={self.loaded})"
