"""Find article files under a folder and read them into `Article` values.

Nothing here raises for a bad file: a file that cannot become an article turns
into a `Skipped` with a one-line reason, so one broken file never stops a corpus
of thousands from loading, and the reader can be told what was left out.
"""

from __future__ import annotations

import errno
import json
import operator
import os
import re
import stat
import unicodedata
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, cast

from index.decoding import UndecodableError, decode_bytes
from index.metadata import meta_from_mapping, normalise_date, split_front_matter
from index.models import Article, IndexUnavailable, Skipped, Span

if TYPE_CHECKING:
    from trafilatura.settings import Document

ARTICLE_EXTENSIONS = frozenset({".txt", ".md", ".html", ".htm", ".jsonl"})

# Line separators people's editors produce; all become "\n".
_NEWLINES = re.compile("\r\n|[\r\u2028\u2029\x0b\x0c\x85]")
# C0/C1 controls (ESC included, so terminal escapes are inert) and the bidi
# embedding/override/isolate characters that can make text display as something
# it is not. Tab and newline stay; other format characters (ZWJ, marks) stay.
_UNSAFE_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_ESCAPED_BYTES_ONLY = re.compile("[^\ud800-\udc7f\udd00-\udfff]*\\Z")
_LEADING_BLANK_LINES = re.compile(r"\A(?:[^\S\n]*\n)+")
_NON_BLANK_LINE = re.compile(r"\S(?:[^\n]*\S)?")
_MARKDOWN_TITLE = re.compile(r"^#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$", re.MULTILINE)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s|$)")
_MIN_SENTENCE_WORDS = 4
# fmt: off
_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "st", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt",
    "prof", "jr", "sr", "inc", "co", "corp", "ltd", "no", "vs", "etc", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
})
# fmt: on

HEADLINE_MAX_CHARS = 120
HEADLINE_MAX_WORDS = 15
TITLE_MAX_CHARS = 80
_TITLE_SCAN_CHARS = 1000
_NOT_HEADLINE_ENDINGS = (".", ",", ";", ":")
# Article field -> trafilatura metadata attribute.
_HTML_META_FIELDS = {"url": "url", "date": "date", "source": "sitename", "author": "author"}
_JSONL_LINE_ID = re.compile(r"\.jsonl:\d+\Z", re.IGNORECASE)
# A page's date only from its metadata: a guess from "© 2024" in a footer would
# mislead a fact-checker.
_DATE_FROM_METADATA_ONLY = {"extensive_search": False, "original_date": True}
OUTSIDE_LINK = "link leads outside the corpus folder (--follow-links reads it)"
# How `scan` names the corpus folder when its listing fails (its stat: by its path).
_ROOT_REL = "."
_REL = operator.itemgetter(0)
_new_tuple = tuple.__new__


class CorpusMissing(IndexUnavailable):
    """The corpus folder itself is gone or unreadable: never read as an empty corpus."""


class FileEntry(NamedTuple):
    """An article file found by `scan`; `rel` round-trips through `os.fsencode`.

    `location` is where to open it, a `str`: a `Path` for each of 19k files was
    half the cost of a scan, and most entries are only compared, never opened
    (a named tuple, too: a frozen dataclass's `__init__` was a fifth of a scan of
    100k files). `ctime_ns` and `inode` tell a rewrite that kept size and mtime
    (`cp -p`); `entry.stat` is the four of them, as fingerprints keep them.
    """

    rel: str
    location: str | Path
    size: int
    mtime_ns: int
    ctime_ns: int = 0
    inode: int = 0

    @property
    def path(self) -> Path:
        return Path(self.location)

    @property
    def stat(self) -> tuple[int, int, int, int]:
        return (self.size, self.mtime_ns, self.ctime_ns, self.inode)


# --- display text -----------------------------------------------------------------


def display_text(raw: str) -> str:
    """The text as shown and indexed: NFC, `\\n` newlines, no controls or bidi spoofing.

    Every offset the index hands out points into this string, so it is computed
    once, here, and stored.
    """
    text = unicodedata.normalize("NFC", raw)
    text = _NEWLINES.sub("\n", text)
    text = _UNSAFE_CHARS.sub("", text)
    text = _LEADING_BLANK_LINES.sub("", text)
    return text.rstrip()


def display_name(name: str) -> str:
    """A file name (or an id made from one) as every output shows it: one line, cleaned
    exactly as article text is (`display_text`), bytes that are not UTF-8 shown as U+FFFD.

    Names come from `os.fsdecode`, so a byte that is not UTF-8 arrives as a lone
    surrogate, which no UTF-8 output can encode; and a name may hold ESC, C1
    controls, bidi overrides or newlines, which must never reach a terminal or file.
    """
    return " ".join(display_text(_valid_utf8(name)).split("\n"))


def _valid_utf8(text: str) -> str:
    """`text` with lone surrogates (undecodable name bytes) replaced by U+FFFD."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        errors = "surrogateescape" if _ESCAPED_BYTES_ONLY.match(text) else "replace"
        raw = text.encode("utf-8", errors)
        return raw.decode("utf-8", "replace")
    return text


def paragraphs(text: str) -> tuple[Span, ...]:
    """Spans of the non-blank lines of `text`, without their surrounding whitespace.

    Each line is its own paragraph: news text separates paragraphs with a blank
    line, but embedded tweets and their attribution lines, datelines and lists
    are separated by single newlines, and a reader sees lines either way.
    """
    return tuple(m.span() for m in _NON_BLANK_LINE.finditer(text))


def derive_title(text: str) -> str:
    """A title for text that has none: its first line if that reads as a headline,
    else its first sentence, shortened to about `TITLE_MAX_CHARS` characters."""
    match = _NON_BLANK_LINE.search(text)
    if match is None:
        return ""
    # A title is short: looking further into a megabyte-long first line is waste.
    first_line = match.group()[:_TITLE_SCAN_CHARS]
    if _reads_as_headline(first_line):
        return first_line
    return shorten(_first_sentence(first_line))


def _first_sentence(line: str) -> str:
    """The line up to the first sentence end that closes at least `_MIN_SENTENCE_WORDS`
    words, so that "Mr." or "The U.S." is not taken for a sentence."""
    for end in _SENTENCE_END.finditer(line):
        words = line[: end.start()].split()
        if len(words) >= _MIN_SENTENCE_WORDS and not _is_abbreviation(words[-1]):
            return line[: end.end()]
    return line


def _is_abbreviation(word: str) -> bool:
    """`U.S`, `J`, `Sen`: the word before a period that does not end a sentence."""
    bare = word.lstrip("\"'“‘(")
    return "." in bare or (len(bare) == 1 and bare.isupper()) or bare.lower() in _ABBREVIATIONS


def _reads_as_headline(line: str) -> bool:
    return (
        len(line) <= HEADLINE_MAX_CHARS
        and len(line.split()) <= HEADLINE_MAX_WORDS
        and not line.endswith(_NOT_HEADLINE_ENDINGS)
        and any(ch.isalpha() for ch in line)
    )


def shorten(text: str, limit: int = TITLE_MAX_CHARS) -> str:
    """`text` cut at a word boundary to at most `limit` characters, with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-–—") + "…"


# --- scanning ---------------------------------------------------------------------


def scan(root: Path, *, follow_links: bool = False) -> tuple[list[FileEntry], list[Skipped]]:
    """Article files under `root`, sorted by relative path, and what could not be read.

    Hidden files and folders are left out. Symbolic links are followed while they
    stay inside `root` (a folder already visited, a link loop, is not entered
    twice, and a file reached both directly and through links is read once);
    links leading outside are skipped with a reason unless `follow_links`, since
    a link to `/etc/passwd` in a scraped folder must not end up in the index.
    """
    root = Path(root)
    try:
        root_stat = root.stat()
    except OSError as err:
        return [], [Skipped(str(root), f"cannot open folder: {_os_reason(err)}")]
    if not stat.S_ISDIR(root_stat.st_mode):
        return [], [Skipped(str(root), "not a folder")]
    real_root = os.path.realpath(root)
    entries: list[FileEntry] = []
    skipped: list[Skipped] = []
    linked: set[str] = set()  # rels of the files and folders reached through a link
    root_device = root_stat.st_dev
    devices: dict[str, int] = {}  # rel -> device, for files on another device than the root
    seen = {(root_stat.st_dev, root_stat.st_ino)}
    # Real folders first, linked ones after: a folder reached both ways is read by its own path.
    pending: list[tuple[str, str]] = [(str(root), "")]
    pending_links: list[tuple[str, str, tuple[int, int]]] = []
    while pending or pending_links:
        if pending:
            folder, rel_folder = pending.pop()
        else:  # a linked folder: entered unless reached (by its own path or a link) already
            folder, rel_folder, key = pending_links.pop()
            if key in seen:
                continue
            seen.add(key)
            linked.add(rel_folder)
        in_link = rel_folder in linked
        prefix = f"{rel_folder}/" if rel_folder else ""
        for item in _folder_items(folder, rel_folder, skipped):  # the tight loop of a scan
            name = item.name
            try:
                info = item.stat()
                is_symlink = item.is_symlink()
            except OSError as err:
                if _is_article_name(name) or err.errno == errno.ENAMETOOLONG:
                    skipped.append(Skipped(prefix + name, _link_reason(err)))
                continue
            is_dir = stat.S_ISDIR(info.st_mode)
            if not (is_dir or name[name.rfind(".") :].lower() in ARTICLE_EXTENSIONS):
                continue
            rel = prefix + name
            if is_symlink and not follow_links and not _inside(item.path, real_root):
                skipped.append(Skipped(rel, OUTSIDE_LINK))
                continue
            if is_dir:
                key = (info.st_dev, info.st_ino)
                if is_symlink or in_link:
                    pending_links.append((item.path, rel, key))
                elif key not in seen:
                    seen.add(key)
                    pending.append((item.path, rel))
            elif stat.S_ISREG(info.st_mode):
                # `FileEntry(...)` less its Python-level `__new__`: 10% of a scan
                fields = (
                    rel,
                    item.path,
                    info.st_size,
                    info.st_mtime_ns,
                    info.st_ctime_ns,
                    info.st_ino,
                )
                entries.append(_new_tuple(FileEntry, fields))
                if info.st_dev != root_device:  # the rest: on the root's device
                    devices[rel] = info.st_dev
                if is_symlink or in_link:
                    linked.add(rel)
            else:  # a FIFO, socket or device: reading it could block forever
                skipped.append(Skipped(rel, "not a regular file"))
    entries.sort(key=_REL)  # by the name alone: comparing whole tuples took 3x as long
    entries = _read_once(entries, root_device, devices, linked, skipped)
    skipped.sort(key=lambda s: s.path)
    return entries, skipped


def scan_corpus(root: Path, *, follow_links: bool = False) -> tuple[list[FileEntry], list[Skipped]]:
    """`scan` for an update: raises `CorpusMissing` when the folder itself cannot be read,
    so a corpus moved away (or a failing mount) never reads as one with no files."""
    entries, skipped = scan(root, follow_links=follow_links)
    for item in skipped:
        if item.path in (_ROOT_REL, str(root)):
            raise CorpusMissing(
                f"the corpus folder {root} cannot be read ({item.reason}); "
                "the index keeps what it had"
            )
    return entries, skipped


# Name -> (size, mtime, ctime, inode), as `FileEntry.stat`, of one folder's article files.
FolderStats = dict[str, tuple[int, int, int, int]]


def walk_stats(root: Path) -> dict[str, FolderStats] | None:
    """Every article file's stat by folder (its relative path, "" for the root) from
    one `os.scandir` walk, without a `FileEntry` per file: an update compares each
    folder's table with the last one in C and makes entries of what differs (at
    100k files a scan's entries and their sorting were half its cost).

    None when the folder holds anything only `scan` judges: a link, another
    device, a FIFO or an unreadable entry; or the root is no readable folder.
    """
    device = _folder_device(root)
    if device is None:
        return None
    tables: dict[str, FolderStats] = {}
    pending: list[tuple[str, str]] = [(str(root), "")]
    try:
        while pending:
            folder, rel_folder = pending.pop()
            table: FolderStats = {}
            with os.scandir(folder) as items:
                for item in items:  # the tight loop: one stat per article file
                    name = item.name
                    if name[0] == ".":
                        continue
                    if item.is_symlink():
                        return None
                    if item.is_dir(follow_symlinks=False):
                        if item.stat(follow_symlinks=False).st_dev != device:
                            return None
                        pending.append((item.path, f"{rel_folder}/{name}" if rel_folder else name))
                        continue
                    if name[name.rfind(".") :].lower() not in ARTICLE_EXTENSIONS:
                        continue
                    info = item.stat(follow_symlinks=False)
                    if info.st_dev != device or not stat.S_ISREG(info.st_mode):
                        return None
                    table[name] = (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)
            tables[rel_folder] = table
    except OSError:
        return None
    return tables


def walked_entries(root: Path, tables: dict[str, FolderStats]) -> list[FileEntry]:
    """The entries `scan` gives for a folder `walk_stats` walked (sorted by path)."""
    base = str(root)
    entries = [
        _new_tuple(FileEntry, (rel, os.path.join(base, rel), *info))
        for folder, table in tables.items()
        for name, info in table.items()
        for rel in (f"{folder}/{name}" if folder else name,)
    ]
    entries.sort(key=_REL)
    return entries


def walk_changes(
    root: Path, before: dict[str, FolderStats], now: dict[str, FolderStats]
) -> dict[str, FileEntry | None]:
    """What `scan_some` finds for the files whose stat differs between two walks: an
    entry, or None for a file gone; folders whose tables are equal are not visited."""
    base = str(root)
    found: dict[str, FileEntry | None] = {}
    for folder in before.keys() | now.keys():
        old, new = before.get(folder, {}), now.get(folder, {})
        if old == new:
            continue
        prefix = f"{folder}/" if folder else ""
        for name, info in new.items() - old.items():  # compared in C
            rel = prefix + name
            found[rel] = _new_tuple(FileEntry, (rel, os.path.join(base, rel), *info))
        for name in old.keys() - new.keys():
            found[prefix + name] = None
    return found


def scan_some(root: Path, rels: Iterable[str]) -> dict[str, FileEntry | None] | None:
    """What `scan` would find at these relative paths (an entry, or None: no article
    file there now), stat'ing only them: for an update after the folder watcher
    named what changed. None when that cannot be told without a full scan: the
    corpus folder is unreadable, or a path is a folder, a link or no plain file of
    the root's device (a file that moved in, a link, a renamed folder...).

    Hidden names are left out, as `scan` leaves them out.
    """
    device = _folder_device(root)
    if device is None:
        return None
    found: dict[str, FileEntry | None] = {}
    folders: dict[str, bool] = {"": True}  # rel -> a real folder (no link) under the root
    for rel in rels:
        parts = rel.split("/")
        if any(part.startswith(".") for part in parts):
            continue
        if "" in parts or ".." in parts or not _is_article_name(parts[-1]):
            return None
        for depth in range(1, len(parts)):
            folder = "/".join(parts[:depth])
            if folder not in folders:
                folders[folder] = _is_real_folder(os.path.join(root, folder))
            if not folders[folder]:
                return None
        location = os.path.join(root, rel)
        try:
            info = os.lstat(location)
        except FileNotFoundError:
            found[rel] = None
            continue
        except OSError:
            return None
        if not stat.S_ISREG(info.st_mode) or info.st_dev != device:
            return None
        found[rel] = FileEntry(
            rel, location, info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino
        )
    return found


def _folder_device(root: Path) -> int | None:
    """The device of the folder `root`, or None when it is no readable folder."""
    try:
        info = os.stat(root)
    except OSError:
        return None
    return info.st_dev if stat.S_ISDIR(info.st_mode) else None


def _is_real_folder(path: str) -> bool:
    try:
        return stat.S_ISDIR(os.lstat(path).st_mode)
    except OSError:
        return False


def _inside(path: str, real_root: str) -> bool:
    """Whether `path`, links resolved, lies inside the folder `real_root`."""
    target = os.path.realpath(path)
    return target == real_root or target.startswith(real_root.rstrip(os.sep) + os.sep)


def _read_once(
    entries: list[FileEntry],
    root_device: int,
    devices: dict[str, int],
    linked: set[str],
    skipped: list[Skipped],
) -> list[FileEntry]:
    """Drop the linked names of files already found: each file is indexed once, by the
    name it has without links (else its first linked name); the others are reported."""
    if not linked:  # no links followed: no file can have been found twice
        return entries

    def identity(entry: FileEntry) -> tuple[int, int]:
        return devices.get(entry.rel, root_device), entry.inode

    first: dict[tuple[int, int], str] = {}
    for entry in sorted(entries, key=lambda e: (e.rel in linked, e.rel)):
        first.setdefault(identity(entry), entry.rel)
    kept = []
    for entry in entries:
        owner = first[identity(entry)]
        if owner == entry.rel or entry.rel not in linked:
            kept.append(entry)
        else:
            skipped.append(Skipped(entry.rel, f"same file as {owner}, indexed there"))
    return kept


def _folder_items(folder: str, rel_folder: str, skipped: list[Skipped]) -> list[os.DirEntry[str]]:
    """Visible entries of one folder; an unreadable folder is skipped."""
    try:
        with os.scandir(folder) as items:
            return [item for item in items if not item.name.startswith(".")]
    except OSError as err:
        skipped.append(Skipped(rel_folder or _ROOT_REL, f"cannot read folder: {_os_reason(err)}"))
        return []


def _is_article_name(name: str) -> bool:
    return os.path.splitext(name)[1].lower() in ARTICLE_EXTENSIONS


def _link_reason(err: OSError) -> str:
    if err.errno == errno.ENAMETOOLONG:
        return _os_reason(err)
    return "symbolic link loop" if err.errno == errno.ELOOP else "broken link"


def _os_reason(err: OSError) -> str:
    if err.errno == errno.ENAMETOOLONG:
        return "path too long to open (longer than the system's PATH_MAX)"
    return err.strerror or type(err).__name__


# --- reading ----------------------------------------------------------------------


def read_entry(root: Path, entry: FileEntry) -> tuple[list[Article], list[Skipped]]:
    """The articles in one file (several for `.jsonl`), and what was skipped; never raises.

    `root` is the folder `entry` was scanned from; `entry.path` already leads to the file.
    """
    try:
        data = read_regular_file(entry.path)
    except OSError as err:
        return [], [unreadable(entry, err)]
    return entry_from_bytes(entry, data)


def unreadable(entry: FileEntry, err: OSError) -> Skipped:
    """The one-line reason a file could not be opened or read."""
    return Skipped(entry.rel, f"cannot read: {_os_reason(err)}")


def entry_from_bytes(entry: FileEntry, data: bytes | None) -> tuple[list[Article], list[Skipped]]:
    """The articles in a file's bytes (`None`: it was no longer a regular file)."""
    if data is None:
        return [], [Skipped(entry.rel, "not a regular file")]
    if not data:
        return [], [Skipped(entry.rel, "empty file")]
    try:
        decoded = decode_bytes(data)
    except UndecodableError as err:
        return [], [Skipped(entry.rel, str(err))]
    suffix = os.path.splitext(entry.rel)[1].lower()
    if suffix == ".jsonl":
        return _read_jsonl(entry.rel, decoded)
    notes: list[Skipped] = []  # problems with a kept article's metadata
    if suffix in (".html", ".htm"):
        article = _html_article(entry.rel, decoded)
    else:
        article = _text_article(entry.rel, decoded, notes, markdown=suffix == ".md")
    if isinstance(article, Skipped):
        return [], [article]
    return [article], notes


def read_regular_file(path: Path) -> bytes | None:
    """The file's bytes, or None when it is no longer a regular file.

    The corpus is live: what `scan` saw as a file may since have become a FIFO,
    so the file is opened without blocking and checked before it is read.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            return None
        return file.read()


def _text_article(
    rel: str, raw: str, notes: list[Skipped], *, markdown: bool = False
) -> Article | Skipped:
    """A plain text or Markdown article; Markdown's front matter gives its metadata,
    and a problem with it is added to `notes` (the article is kept)."""
    front: dict = {}
    if markdown:
        front, raw, problem = split_front_matter(raw.lstrip("\ufeff"))
        if problem:
            notes.append(Skipped(rel, f"{problem}; article kept without its metadata"))
    text = display_text(raw)
    if not text:
        return Skipped(rel, "empty file")
    meta, bad_date = meta_from_mapping(front, _meta_value)
    if bad_date:
        notes.append(Skipped(rel, f"{bad_date}; article kept undated"))
    heading = _MARKDOWN_TITLE.search(text) if markdown else None
    title = meta.title or (heading.group(1).strip() if heading else derive_title(text))
    return Article(
        id=rel,
        path=rel,
        title=title,
        text=text,
        paragraphs=paragraphs(text),
        url=meta.url,
        date=meta.date,
        source=meta.outlet,
        author=meta.author,
    )


def _html_article(rel: str, html: str) -> Article | Skipped:
    """The main text of a web page (boilerplate dropped), one blank line between paragraphs."""
    import trafilatura  # ~0.5 s to import: only corpora with HTML files pay for it

    try:
        # Without the deprecated `as_dict` the result is a Document (or None), never a dict.
        doc = cast(
            "Document | None",
            trafilatura.bare_extraction(
                html,
                include_comments=False,
                with_metadata=True,
                date_extraction_params=_DATE_FROM_METADATA_ONLY,
            ),
        )
        body = doc.text if doc is not None and doc.text else trafilatura.baseline(html)[1]
    except Exception as err:  # a third-party parser on hostile input: report, never crash
        return Skipped(rel, f"cannot read HTML: {type(err).__name__}")
    text = display_text("\n\n".join(line for line in body.splitlines() if line.strip()))
    if not text:
        return Skipped(rel, "no article text found")
    found = {key: _meta_value(getattr(doc, attr, None)) for key, attr in _HTML_META_FIELDS.items()}
    return Article(
        id=rel,
        path=rel,
        title=_meta_value(getattr(doc, "title", None)) or derive_title(text),
        text=text,
        paragraphs=paragraphs(text),
        **{**found, "date": _date_or_none(found["date"])},
    )


def _read_jsonl(rel: str, decoded: str) -> tuple[list[Article], list[Skipped]]:
    """One article per JSON line with `text` or `body`; a bad line is skipped as `rel:N`."""
    articles: list[Article] = []
    skipped: list[Skipped] = []
    # Split on "\n" only: JSON strings may legally hold raw U+2028 and friends.
    for number, line in enumerate(decoded.split("\n"), start=1):
        if not line.strip():
            continue
        result = _jsonl_article(f"{rel}:{number}", rel, line, skipped)
        if isinstance(result, Skipped):
            skipped.append(result)
        else:
            articles.append(result)
    if not articles and not skipped:
        skipped.append(Skipped(rel, "empty file"))
    return articles, skipped


def _jsonl_article(line_id: str, rel: str, line: str, notes: list[Skipped]) -> Article | Skipped:
    """The article of one JSON line; a metadata problem is added to `notes`, the
    article kept (as "quotations not extracted" is: reported, not dropped)."""
    try:
        record = json.loads(line)
    except (ValueError, RecursionError):  # RecursionError: absurdly deep nesting
        return Skipped(line_id, "invalid JSON")
    if not isinstance(record, dict):
        return Skipped(line_id, "not a JSON object")
    body = record.get("text")
    if not isinstance(body, str):
        body = record.get("body")
    if not isinstance(body, str):
        return Skipped(line_id, "no text or body field")
    text = display_text(body)
    if not text:
        return Skipped(line_id, "empty text")
    meta, bad_date = meta_from_mapping(record, _meta_value)
    if bad_date:
        notes.append(Skipped(line_id, f"{bad_date}; article kept undated"))
    return Article(
        id=line_id,
        path=rel,
        title=meta.title or derive_title(text),
        text=text,
        paragraphs=paragraphs(text),
        url=meta.url,
        date=meta.date,
        source=meta.outlet,
        author=meta.author,
    )


def _date_or_none(value: str | None) -> str | None:
    """An ISO day for a date trafilatura found, None when it cannot be read as one."""
    try:
        return normalise_date(value)
    except ValueError:
        return None


def _meta_value(value: object) -> str | None:
    """A metadata value as one clean display line, or None when absent or not a scalar."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    text = " ".join(display_text(str(value)).split())
    return text or None


# --- whole corpus -----------------------------------------------------------------


def load_corpus(root: Path) -> tuple[list[Article], list[Skipped]]:
    """Every article under `root`, in path order, and everything that was skipped."""
    entries, skipped = scan(root)
    articles: list[Article] = []
    for entry in entries:
        found, missed = read_entry(root, entry)
        articles.extend(found)
        skipped.extend(missed)
    return articles, skipped


def describe_skipped(skipped: list[Skipped] | tuple[Skipped, ...]) -> str:
    """One summary line, e.g. "skipped 3 files: 2 binary file, 1 empty file"; "" if none.

    Bad `.jsonl` lines are counted apart from files ("skipped 5 (3 files, 2 lines): ...").
    """
    if not skipped:
        return ""
    lines = sum(1 for item in skipped if _JSONL_LINE_ID.search(item.path))
    files = len(skipped) - lines
    if lines == 0:
        what = f"{files} {_plural(files, 'file')}"
    elif files == 0:
        what = f"{lines} {_plural(lines, 'line')}"
    else:
        what = (
            f"{len(skipped)} ({files} {_plural(files, 'file')}, {lines} {_plural(lines, 'line')})"
        )
    counts = Counter(item.reason for item in skipped)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    reasons = ", ".join(f"{count} {reason}" for reason, count in ranked)
    return f"skipped {what}: {reasons}"


def _plural(count: int, noun: str) -> str:
    return noun if count == 1 else f"{noun}s"
