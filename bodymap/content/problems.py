"""Content problems: where a problem is (file, line, column, field) and what it is."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in the content, pointing at a file position and a field path."""

    file: str
    line: int
    col: int
    field: str
    message: str

    def __str__(self) -> str:
        field = f" {self.field}:" if self.field else ""
        return f"{self.file}:{self.line}:{self.col}:{field} {self.message}"


class ContentError(Exception):
    """Raised when content has problems; carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
