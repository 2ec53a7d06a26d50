"""The export dialog: quotations in view (or a statement's versions) to a file.

Researchers paste quotations into drafts and spreadsheets; the dialog asks for a
format and a path, writes the file with the index package's exporters, and says
how many quotations were written. A path that cannot be written gets a clear
message in the dialog, never a traceback, and an existing file is only replaced
after a second confirmation.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, RadioButton, RadioSet, Static

from index import (
    Cluster,
    Quote,
    cluster_to_markdown,
    quotes_to_csv,
    quotes_to_json,
    quotes_to_markdown,
    write_atomically,
)

from ..literal import one_line

TitleOf = Callable[[Quote], "str | None"]


@dataclass(frozen=True, slots=True)
class ExportFormat:
    """A format the dialog offers: its label, file suffix and how quotes become text."""

    label: str
    suffix: str
    render: Callable[[Sequence[Quote], TitleOf], str]


FORMATS: dict[str, ExportFormat] = {
    "markdown": ExportFormat("Markdown", ".md", quotes_to_markdown),
    "csv": ExportFormat("CSV", ".csv", lambda quotes, _titles: quotes_to_csv(quotes)),
    "json": ExportFormat("JSON", ".json", lambda quotes, _titles: quotes_to_json(quotes)),
}


class ExportError(Exception):
    """A path that cannot be written; `str()` is the message shown to the user."""


def export_text(
    fmt: str,
    quotes: Sequence[Quote],
    titles: Mapping[str, str] | None = None,
    cluster: Cluster | None = None,
) -> str:
    """The file contents; Markdown citations name each source by its title when known.

    A statement's versions in Markdown keep their word differences (in bold).
    """
    known = titles or {}
    title_of: TitleOf = lambda quote: known.get(quote.article_id)  # noqa: E731
    if cluster is not None and fmt == "markdown":
        return cluster_to_markdown(cluster, title_of)
    return FORMATS[fmt].render(quotes, title_of)


def resolve_path(raw: str, base: Path | None = None) -> Path:
    """The user's path with `~` expanded; relative paths are taken from `base` (or cwd)."""
    text = raw.strip()
    if not text:
        raise ExportError("Type a file name to export to.")
    path = Path(text).expanduser()
    return path if path.is_absolute() else (base or Path.cwd()) / path


def write_export(path: Path, text: str) -> None:
    """Write `text` to `path`, turning OS errors into one readable sentence."""
    if path.is_dir():
        raise ExportError(f"{path} is a folder: add a file name.")
    if path.parent.exists() and not path.parent.is_dir():
        raise ExportError(f"{path.parent} is a file, not a folder.")
    if not path.parent.is_dir():
        raise ExportError(f"The folder {path.parent} does not exist.")
    try:
        write_atomically(path, text)  # an existing file is replaced only when the new one is whole
    except OSError as error:
        reason = error.strerror or str(error)
        raise ExportError(f"Cannot write {path}: {reason}.") from error


def with_suffix_for(raw: str, fmt: str) -> str:
    """Swap a known export suffix for the chosen format's; leave other names alone."""
    suffixes = {f.suffix for f in FORMATS.values()}
    path = Path(raw)
    if path.suffix.lower() in suffixes:
        return raw[: -len(path.suffix)] + FORMATS[fmt].suffix
    return raw


class ExportScreen(ModalScreen[int | None]):
    """Pick a format and a path; dismisses with the number of quotations written.

    `titles` (article id -> title) make the Markdown citations name their sources;
    a `cluster` exports its versions, one per source."""

    BINDINGS: ClassVar = [Binding("escape", "cancel", "Cancel")]

    def __init__(
        self,
        quotes: Sequence[Quote],
        *,
        cluster: Cluster | None = None,
        titles: Mapping[str, str] | None = None,
        description: str = "",
        default_path: Path | None = None,
    ) -> None:
        super().__init__()
        self.quotes = tuple(v.quote for v in cluster.versions) if cluster else tuple(quotes)
        self.cluster = cluster
        self.titles = dict(titles or {})
        count = len(self.quotes)
        self.description = description or f"{count:,} quotation{'s' * (count != 1)}"
        self.default_path = default_path or Path.cwd() / "sourcedesk-quotes.md"
        self.confirm_replace: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog"):
            yield Static(Text(f"Export {self.description}"), id="export-title")
            yield Static("Format", classes="export-label")
            with RadioSet(id="export-format"):
                for index, fmt in enumerate(FORMATS.values()):
                    yield RadioButton(fmt.label, value=index == 0)
            yield Static("File", classes="export-label")
            yield Input(str(self.default_path), id="export-path", placeholder="file to write")
            yield Static(id="export-message")
            with Horizontal(id="export-buttons"):
                yield Button("Export", variant="primary", id="export-write")
                yield Button("Cancel", id="export-cancel")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @property
    def format_key(self) -> str:
        index = self.query_one("#export-format", RadioSet).pressed_index
        return list(FORMATS)[max(index, 0)]

    @on(RadioSet.Changed, "#export-format")
    def follow_format(self) -> None:
        path_input = self.query_one("#export-path", Input)
        path_input.value = with_suffix_for(path_input.value, self.format_key)
        self.confirm_replace = None

    @on(Input.Changed, "#export-path")
    def forget_confirmation(self) -> None:
        self.confirm_replace = None
        self.show_message("")

    def show_message(self, message: str, *, error: bool = True) -> None:
        label = self.query_one("#export-message", Static)
        label.update(Text(one_line(message)))  # paths are shown literally, on one line
        label.set_class(error and bool(message), "error")

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export-write")
    def export(self) -> None:
        """Write the file, or explain in the dialog why it cannot be written."""
        try:
            path = resolve_path(self.query_one("#export-path", Input).value)
            if path.exists() and not path.is_dir() and self.confirm_replace != path:
                self.confirm_replace = path
                self.show_message(f"{path} exists: press Export again to replace it.", error=False)
                return
            text = export_text(self.format_key, self.quotes, self.titles, self.cluster)
            write_export(path, text)
        except ExportError as error:
            self.show_message(str(error))
            return
        count = len(self.quotes)
        self.app.notify(
            f"Wrote {count} quotation{'s' * (count != 1)} to {one_line(str(path))} "
            f"({FORMATS[self.format_key].label})",
            title="Export",
            markup=False,
        )
        self.dismiss(count)

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
