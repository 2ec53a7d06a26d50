"""Back and forward through the places the reader jumped to, like a browser.

Every jump (opening a match, a quotation, the next source) records a
`Location`; going back re-opens the previous one without recording it again.
"""

from __future__ import annotations

from dataclasses import dataclass

from index import Span


@dataclass(frozen=True, slots=True)
class Location:
    """A place in the corpus: an article and, optionally, the span to land on."""

    article_id: str
    span: Span | None = None
    quote_id: str | None = None


class History:
    """A linear jump list: recording after going back drops the forward part."""

    def __init__(self, limit: int = 500) -> None:
        self._places: list[Location] = []
        self._index = -1
        self._limit = limit

    @property
    def current(self) -> Location | None:
        return self._places[self._index] if self._places else None

    @property
    def can_go_back(self) -> bool:
        return self._index > 0

    @property
    def can_go_forward(self) -> bool:
        return self._index < len(self._places) - 1

    def record(self, place: Location) -> None:
        """Remember `place` as the newest location (a repeat of the current one is ignored)."""
        if place == self.current:
            return
        del self._places[self._index + 1 :]
        self._places.append(place)
        if len(self._places) > self._limit:
            del self._places[0]
        self._index = len(self._places) - 1

    def back(self) -> Location | None:
        """Step back; None when there is nothing before."""
        if not self.can_go_back:
            return None
        self._index -= 1
        return self._places[self._index]

    def forward(self) -> Location | None:
        """Step forward again after going back; None at the newest place."""
        if not self.can_go_forward:
            return None
        self._index += 1
        return self._places[self._index]

    def __len__(self) -> int:
        return len(self._places)
