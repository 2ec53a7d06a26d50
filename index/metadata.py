"""Where an article came from: outlet, date, author, URL, title.

Three sources besides HTML's own metadata (read by trafilatura in `corpus`):
`.jsonl` fields, Markdown front matter, and an optional manifest `sources.csv` in
the corpus folder, which is how researchers keep their link lists for plain text.
Nothing is guessed from file names: a value nobody wrote down stays empty.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

MANIFEST_NAME = "sources.csv"
MANIFEST_COLUMNS = ("path", "outlet", "date", "url", "title", "author")

# Front matter / JSON keys people use, per field (first one present wins).
_KEYS = {
    "outlet": ("outlet", "source", "publisher", "site_name", "sitename", "publication"),
    "date": ("date", "published", "pubdate", "date_published", "publish_date"),
    "author": ("author", "authors", "byline", "by"),
    "url": ("url", "link", "canonical_url", "canonical", "permalink"),
    "title": ("title", "headline"),
}
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# dateparser reads "10/09/2020" month first unless told; news outside the US writes day first,
# and a wrong guess is worse than an ISO date written out: only unambiguous forms are read.
_DATEPARSER_SETTINGS = {
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PREFER_DATES_FROM": "past",
    "RETURN_AS_TIMEZONE_AWARE": False,
    # "yesterday" or "3 days ago" is relative to the day of indexing, not of writing.
    "PARSERS": ["custom-formats", "absolute-time"],
}
_AMBIGUOUS_NUMERIC = re.compile(r"\A\s*(\d{1,2})[/.](\d{1,2})[/.](\d{2,4})\s*\Z")


@dataclass(frozen=True, slots=True)
class SourceMeta:
    """The metadata of one article; None where it is unknown."""

    outlet: str | None = None
    date: str | None = None
    author: str | None = None
    url: str | None = None
    title: str | None = None

    def over(self, other: SourceMeta) -> SourceMeta:
        """These values, with `other`'s filling the ones unknown here."""
        return replace(
            self,
            **{f.name: getattr(self, f.name) or getattr(other, f.name) for f in fields(self)},
        )


class DateNotUnderstood(ValueError):
    """A written date that cannot be read as a calendar day; `str(err)` says which."""


def normalise_date(value: object) -> str | None:
    """`value` as an ISO 8601 day (`2020-09-10`), None when empty.

    Reads ISO dates and timestamps, "10 Sep 2020", "September 10, 2020" and the
    like (dateparser). A numeric date whose day and month could be swapped
    ("04/05/2020") is refused rather than guessed. Raises `DateNotUnderstood`.
    """
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None or isinstance(value, bool):
        return None
    text = " ".join(str(value).split())
    if not text:
        return None
    if _ISO_DATE.match(text):
        try:
            return dt.date.fromisoformat(text[:10]).isoformat()
        except ValueError:
            raise DateNotUnderstood(f"{text!r} is not a calendar date") from None
    numeric = _AMBIGUOUS_NUMERIC.match(text)
    if numeric and _could_be_swapped(int(numeric.group(1)), int(numeric.group(2))):
        raise DateNotUnderstood(f"{text!r}: day and month could be either way round")
    import dateparser  # ~0.3 s to import: only dates not written in ISO pay for it

    parsed = dateparser.parse(text, settings=_DATEPARSER_SETTINGS)
    if parsed is None:
        raise DateNotUnderstood(f"{text!r} is not a date")
    return parsed.date().isoformat()


def _could_be_swapped(first: int, second: int) -> bool:
    return first != second and first <= 12 and second <= 12


def meta_from_mapping(record: dict[str, Any], clean: Any) -> tuple[SourceMeta, str | None]:
    """The metadata in a JSON record or front matter, and a warning for a bad date.

    `clean` turns a raw value into one display line or None (`corpus._meta_value`);
    a list of authors is joined with commas.
    """
    found: dict[str, str | None] = {}
    for name, keys in _KEYS.items():
        raw = next((record[k] for k in keys if record.get(k) not in (None, "")), None)
        if isinstance(raw, list):
            raw = ", ".join(str(x) for x in raw if clean(x))
        found[name] = raw if name == "date" else clean(raw)
    warning = None
    try:
        found["date"] = normalise_date(found["date"])
    except DateNotUnderstood as err:
        found["date"], warning = None, f"bad date: {err}"
    return SourceMeta(**found), warning


def split_front_matter(text: str) -> tuple[dict[str, Any], str, str | None]:
    """A Markdown file's YAML front matter (`---` block at the top), the text after it,
    and a warning when the block is there but is not a YAML mapping."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return {}, text, None
    import yaml

    try:
        data = yaml.safe_load(match.group(1) or "")
    except yaml.YAMLError as err:
        line = getattr(getattr(err, "problem_mark", None), "line", None)
        where = f" (line {line + 2})" if line is not None else ""
        return {}, text[match.end() :], f"front matter is not valid YAML{where}"
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return {}, text[match.end() :], "front matter is not a list of `key: value` lines"
    return {str(k).lower(): v for k, v in data.items()}, text[match.end() :], None


@dataclass(frozen=True, slots=True)
class Manifest:
    """`sources.csv`: metadata per corpus-relative path, one warning per bad line, and
    the line each path is on (to name it in later warnings)."""

    entries: dict[str, SourceMeta]
    warnings: tuple[str, ...] = ()
    lines: dict[str, int] = field(default_factory=dict)

    def unknown_paths(self, paths: set[str]) -> tuple[str, ...]:
        """A warning per line naming a file that is not in `paths` (a typo, a moved file)."""
        return tuple(
            f"{MANIFEST_NAME}:{self.lines.get(rel, 0)}: {rel} is not an article of the corpus"
            for rel in self.entries
            if rel not in paths
        )


EMPTY_MANIFEST = Manifest({})


def manifest_stamp(root: Path) -> tuple[int, int, int] | None:
    """What tells a changed manifest (size, mtime, inode); None when there is none."""
    try:
        info = os.stat(Path(root) / MANIFEST_NAME)
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns, info.st_ino


def read_manifest(root: Path) -> Manifest:
    """The manifest of the corpus at `root`; an absent one is empty, an unreadable one warns."""
    path = Path(root) / MANIFEST_NAME
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return EMPTY_MANIFEST
    except OSError as err:
        return Manifest({}, (f"{MANIFEST_NAME}: cannot read: {err.strerror or err}",))
    return parse_manifest(raw.decode("utf-8-sig", "replace"))


def parse_manifest(text: str) -> Manifest:
    """Rows of `path, outlet, date, url, title[, author]` under a header naming them.

    Columns may come in any order; unknown columns are ignored. A line without a
    path, with more cells than the header, or with a date that cannot be read is
    warned about (`sources.csv:N: why`); its other values are still used when it
    has a path.
    """
    from .corpus import display_text  # corpus imports this module: imported when used

    rows = csv.reader(io.StringIO(text, newline=""))
    header = next(rows, None)
    if header is None:
        return EMPTY_MANIFEST
    names = [h.strip().lower() for h in header]
    if "path" not in names:
        return Manifest({}, (f"{MANIFEST_NAME}:1: no `path` column in the header",))
    entries: dict[str, SourceMeta] = {}
    lines: dict[str, int] = {}
    warnings: list[str] = []
    for row in rows:
        where = f"{MANIFEST_NAME}:{rows.line_num}"
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(names):
            warnings.append(f"{where}: {len(row)} cells but {len(names)} columns; line ignored")
            continue
        # Cleaned as article text is: a cell may hold terminal escapes or bidi overrides.
        cells = {
            n: " ".join(display_text(c).split()) or None for n, c in zip(names, row, strict=False)
        }
        rel = (cells.get("path") or "").replace("\\", "/").removeprefix("./")
        if not rel:
            warnings.append(f"{where}: no path; line ignored")
            continue
        try:
            date = normalise_date(cells.get("date"))
        except DateNotUnderstood as err:
            warnings.append(f"{where}: bad date: {err}; left empty")
            date = None
        lines[rel] = rows.line_num
        entries[rel] = SourceMeta(
            outlet=cells.get("outlet"),
            date=date,
            author=cells.get("author"),
            url=cells.get("url"),
            title=cells.get("title"),
        )
    return Manifest(entries, tuple(warnings), lines)


def display_date(iso: str | None) -> str:
    """`2020-09-10` as people write it in a reference, `10 Sep 2020`; other text as is."""
    if not iso:
        return ""
    try:
        day = dt.date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return f"{day.day} {day.strftime('%b')} {day.year}"
