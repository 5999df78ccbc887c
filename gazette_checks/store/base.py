"""The store interface and the lazily read text of an archived file."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

from ..read import Source

if TYPE_CHECKING:
    from ..config import Config
    from ..findings import Finding
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


def check_against(records: Records, config: Config, store: Store) -> list[Finding]:
    """Findings of `records` checked with `config` against the candidates `store` gives for them.

    Only places in `records` are reported; the candidates are context.
    """
    from ..engine import finish_findings

    return finish_findings(check_against_raw(records, config, store), records)


def check_against_raw(records: Records, config: Config, store: Store) -> list[Finding]:
    """:func:`check_against` before the findings are finished (merged, grouped, sorted)."""
    from ..engine import check_records

    cand = store.candidates(records)
    if not (len(cand.documents) or len(cand.issues) or len(cand.citations)):
        return check_records(records, config, finish=False)
    own = set(records.own_files)
    merged = records.with_context(cand)
    return [f for f in check_records(merged, config, finish=False) if f.file in own]


def split_config(config: Config) -> tuple[Config, Config]:
    """(per-issue config, cross-document config): `config` without, and with only, the XD rules."""
    import dataclasses

    from ..checks import all_rules

    xd = [r.code for r in all_rules() if r.category == "crossdoc"]
    other = [r.code for r in all_rules() if r.category != "crossdoc" and r.code != "PA06"]
    return (dataclasses.replace(config, ignore=[*config.ignore, *xd]),
            dataclasses.replace(config, ignore=[*config.ignore, *other]))


def check_with_store(records: Records, config: Config, store: Store) -> list[Finding]:
    """Every selected rule on `records`: per-issue rules on `records` alone, the XD rules
    against `store` too (:func:`check_against`). What ``check --archive`` runs."""
    from ..engine import check_records, finish_findings

    per_issue, cross = split_config(config)
    raw = check_records(records, per_issue, finish=False) + check_against_raw(records, cross, store)
    return finish_findings(raw, records)  # once over both: a slip seen by a per-issue and an XD rule merges
