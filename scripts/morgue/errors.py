"""Errors raised by the library. The CLI and the MkDocs plugin are the only places that catch them."""

from __future__ import annotations

import os


class MorgueError(Exception):
    """Base error; carries the input it is about (path, and line or record number when known).

    ``str(error)`` reads ``path:line: message`` so editors and CI logs can jump to the place.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | os.PathLike[str] | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = os.fspath(path) if path is not None else None
        self.line = line
        self.field = field

    def located(self, path: str | os.PathLike[str] | None = None, line: int | None = None) -> MorgueError:
        """Fill in the location when the raiser did not know it; returns ``self``."""
        if self.path is None and path is not None:
            self.path = os.fspath(path)
        if self.line is None and line is not None:
            self.line = line
        return self

    def __str__(self) -> str:
        where = self.path or "<input>"
        if self.line is not None:
            where = f"{where}:{self.line}"
        what = f"{self.field}: {self.message}" if self.field else self.message
        return f"{where}: {what}"


class InputError(MorgueError):
    """The input cannot be read as a document (empty, binary, undecodable, truncated, over a limit)."""


class ExtractionError(MorgueError):
    """The input was read but holds no article (no text content left after cleaning)."""


class SchemaError(MorgueError):
    """Frontmatter or registry content does not match the schema."""


class StoreError(MorgueError):
    """The article could not be filed (unsafe path, write failure)."""
