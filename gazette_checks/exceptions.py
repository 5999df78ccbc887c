"""Exceptions of gazette_checks: one base class, one subclass per failure kind."""

from __future__ import annotations


class GazetteChecksError(Exception):
    """Base class: a problem the user can act on, shown as one line."""

    slug = "error"


class InputError(GazetteChecksError):
    """An input path is missing, empty, binary or undecodable."""

    slug = "input"


class ConfigError(GazetteChecksError):
    """The configuration file is invalid."""

    slug = "config"


class ArchiveError(GazetteChecksError):
    """The archive cannot be opened, or was written by another schema version."""

    slug = "archive"


class BaselineError(GazetteChecksError):
    """The baseline file cannot be read."""

    slug = "baseline"


class OutputError(GazetteChecksError):
    """An output cannot be written, or would replace an input."""

    slug = "output"
