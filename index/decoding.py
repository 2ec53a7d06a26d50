"""Turn a file's bytes into text without losing characters or guessing wildly.

Order of attempts, cheapest and most certain first:

1. A byte-order mark decides (UTF-8, UTF-16, UTF-32, either byte order).
2. NUL bytes mean binary, unless the file reads cleanly as BOM-less UTF-16;
   many other control bytes mean binary too.
3. Strict UTF-8: the fast path, taken by almost every file.
4. UTF-8 with a few stray bytes (valid multi-byte UTF-8 sequences outnumber
   the invalid bytes; typically a Windows-1252 quote pasted into a UTF-8 file):
   the UTF-8 text is kept and each stray byte is read as Windows-1252, its usual
   origin, so nothing is dropped and no U+FFFD appears.
5. No UTF-8 at all: Windows-1252 when the result reads as Western text (a
   Latin-1 pound sign, cp1252 curly quotes; on so little evidence statistical
   detectors pick exotic code pages, e.g. Shift-JIS for one `£`), otherwise
   charset-normalizer's best guess (Cyrillic, Greek, Central European...).
"""

from __future__ import annotations

import codecs
import re

# Longest BOMs first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Control characters that never occur in text files (tab, newlines, form feed and
# ESC do). A file with more than `_BINARY_RATIO` of them in its first
# `_BINARY_SAMPLE` bytes is binary even without a NUL.
_BINARY_CONTROL_BYTES = re.compile(rb"[\x01-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_CONTROL_CHAR = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_BINARY_SAMPLE = 8192
_BINARY_RATIO = 0.1

_HIGH_BYTES = bytes(range(0x80, 0x100))

# cp1252 mis-readings of other code pages: runs of accented letters with no ASCII
# letter between them (Cyrillic, Greek), or symbols inside words (Polish `Za¿ó³æ`).
# Four letters, not three, so French `créée` still reads as Western.
# Judged on the first million characters: evidence shows up early, and a regex
# scan of a 50 MB file would take seconds.
_WESTERN_SAMPLE = 1_000_000
_NOT_WESTERN = re.compile(r"[À-ÿŠšŽžŒœŸ]{4,}|[A-Za-zÀ-ÿ][¡-¿×÷][A-Za-zÀ-ÿ]")

_STRAY_BYTES = "sourcedesk-stray-cp1252"


class UndecodableError(ValueError):
    """The bytes are not text we can read; `str(err)` is a one-line reason."""


def decode_bytes(data: bytes) -> str:
    """Decode a text file's bytes; see the module docstring for the order of attempts.

    Raises `UndecodableError("binary file")` for binary data and
    `UndecodableError("unknown text encoding")` when no encoding fits.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            # A BOM is an explicit statement: a damaged unit shows as U+FFFD, the
            # rest of the text is kept.
            text = data[len(bom) :].decode(encoding, errors="replace")
            if "\x00" in text:
                raise UndecodableError("binary file")
            return text
    if b"\x00" in data:
        utf16 = _utf16_without_bom(data)
        if utf16 is None:
            raise UndecodableError("binary file")
        return utf16
    sample = data[:_BINARY_SAMPLE]
    if len(_BINARY_CONTROL_BYTES.findall(sample)) > _BINARY_RATIO * len(sample):
        raise UndecodableError("binary file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    return _mostly_utf8(data) or _legacy_8bit(data)


def _utf16_without_bom(data: bytes) -> str | None:
    """Text saved as UTF-16 with no BOM, or None (then it is binary).

    Latin-script UTF-16 has a NUL beside nearly every letter, all in one byte
    column; binary data has NULs scattered through both columns.
    """
    half = len(data) // 2
    if len(data) % 2 or half == 0:
        return None
    even_nuls, odd_nuls = data[0::2].count(0), data[1::2].count(0)
    if even_nuls == 0 and odd_nuls >= half / 2:
        encoding = "utf-16-le"
    elif odd_nuls == 0 and even_nuls >= half / 2:
        encoding = "utf-16-be"
    else:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    return None if _CONTROL_CHAR.search(text) else text


def _mostly_utf8(data: bytes) -> str | None:
    """UTF-8 text with a few stray legacy bytes, each read as Windows-1252; else None.

    Counted with C-speed codecs only (no per-byte Python or regex scan): large
    files take this path too.
    """
    ascii_bytes = len(data.translate(None, _HIGH_BYTES))
    valid = data.decode("utf-8", "ignore")
    valid_non_ascii = len(valid) - ascii_bytes
    stray = len(data) - len(valid.encode("utf-8"))
    if valid_non_ascii == 0 or stray > valid_non_ascii:
        return None
    return data.decode("utf-8", _STRAY_BYTES)


def _legacy_8bit(data: bytes) -> str:
    western = data.decode("cp1252", _STRAY_BYTES)
    if not _NOT_WESTERN.search(western, 0, _WESTERN_SAMPLE):
        return western
    from charset_normalizer import from_bytes  # rarely needed, and slow to import

    best = from_bytes(data).best()
    if best is None:
        raise UndecodableError("unknown text encoding")
    return str(best)


def _one_byte_as_cp1252(byte: int) -> str:
    single = bytes([byte])
    try:
        return single.decode("cp1252")
    except UnicodeDecodeError:  # the five bytes cp1252 leaves undefined: Latin-1
        return single.decode("latin-1")


def _stray_bytes_as_cp1252(err: UnicodeError) -> tuple[str, int]:
    """Codec error handler: each byte the codec rejects is read as Windows-1252."""
    if not isinstance(err, UnicodeDecodeError):
        raise err
    bad = err.object[err.start : err.end]
    return "".join(_one_byte_as_cp1252(b) for b in bad), err.end


codecs.register_error(_STRAY_BYTES, _stray_bytes_as_cp1252)
