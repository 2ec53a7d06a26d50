"""decode_bytes on real encodings and real bad bytes."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from index.decoding import UndecodableError, decode_bytes

SENTENCE = "“It was not OK,” said Maïmouna Doucouré, after the £4m deal – café owners agreed."


@pytest.mark.parametrize(
    "data",
    [
        SENTENCE.encode("utf-8"),
        codecs.BOM_UTF8 + SENTENCE.encode("utf-8"),
        SENTENCE.encode("utf-16"),  # with BOM
        SENTENCE.encode("utf-32"),  # with BOM
        codecs.BOM_UTF16_BE + SENTENCE.encode("utf-16-be"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf32-bom", "utf16-be-bom"],
)
def test_unicode_encodings_read_back_exactly(data: bytes) -> None:
    assert decode_bytes(data) == SENTENCE


def test_latin1_pound_sign_reads_as_pound() -> None:
    data = "Chelsea paid £15.8m for the striker last season.\n".encode("latin-1")
    assert decode_bytes(data) == "Chelsea paid £15.8m for the striker last season.\n"


def test_cp1252_smart_quotes_read_as_curly_quotes() -> None:
    text = "The company said it was a “powerful story” and didn’t apologise – yet.\n"
    assert decode_bytes(text.encode("cp1252")) == text


def test_utf8_with_one_stray_cp1252_byte_keeps_every_character() -> None:
    data = "Doucouré’s film ".encode() + b"\x93Cuties\x94 premiered in Paris.\n"
    assert decode_bytes(data) == "Doucouré’s film “Cuties” premiered in Paris.\n"


def test_dense_legacy_cyrillic_goes_to_the_detector() -> None:
    text = "Президент заявил, что переговоры продолжатся на следующей неделе в Москве. " * 4
    assert decode_bytes(text.encode("cp1251")) == text


def test_french_cp1252_with_accent_runs_stays_western() -> None:
    text = "L’association créée en 1998 a été dissoute, a déclaré la préfète à Besançon. " * 3
    assert decode_bytes(text.encode("cp1252")) == text


def test_polish_cp1250_is_not_read_as_cp1252() -> None:
    text = "Minister zdrowia powiedział, że szpitale otrzymają więcej pieniędzy w przyszłym roku."
    assert decode_bytes((text + " ").encode("cp1250") * 3) == (text + " ") * 3


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised(encoding: str) -> None:
    assert decode_bytes(SENTENCE.encode(encoding)) == SENTENCE


def test_binary_with_nuls_in_one_column_is_still_binary() -> None:
    samples = bytes(range(1, 120)) * 4  # 16-bit little-endian integers below 256
    data = b"".join(bytes([b, 0]) for b in samples)
    with pytest.raises(UndecodableError, match="binary file"):
        decode_bytes(data)


def test_control_bytes_without_nuls_mean_binary() -> None:
    with pytest.raises(UndecodableError, match="binary file"):
        decode_bytes(bytes(range(1, 32)) * 50 + b"some text")


def test_nul_bytes_mean_binary() -> None:
    with pytest.raises(UndecodableError, match="binary file"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")


def test_undecodable_error_is_a_value_error_with_one_line() -> None:
    with pytest.raises(ValueError) as caught:
        decode_bytes(b"abc\x00def")
    assert "\n" not in str(caught.value)


def test_bbc_sport_199_pound_sign(bbc_dir: Path) -> None:
    text = decode_bytes((bbc_dir / "sport" / "199.txt").read_bytes())
    assert "a £15.8m signing from Parma" in text
