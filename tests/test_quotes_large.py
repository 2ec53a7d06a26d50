"""A very large article (issue 15): every quotation and speaker still right, far into the text.

The text is generated: thousands of short reports, each naming a new person who
is then quoted by surname and by pronoun, so any answer taken from the wrong
part of the text shows. How long it takes is measured in bench/quotes_bbc.py.
"""

from __future__ import annotations

from string import ascii_lowercase

import pytest

from index.models import Article
from index.quotes import extract_quotes

TARGET_CHARS = 2_500_000
FIRST_NAMES = ("Anna", "Maria", "Julia", "Clara", "Nadia", "Elena")


def code(i: int) -> str:
    """`i` written in letters (a name never holds digits): 0 -> `aa`, 27 -> `bb`."""
    out = ""
    while True:
        i, r = divmod(i, 26)
        out = ascii_lowercase[r] + out
        if i == 0:
            return out.rjust(2, "a")


def report(i: int) -> tuple[str, str]:
    """One report and the full name of the person it quotes."""
    first, last = FIRST_NAMES[i % len(FIRST_NAMES)], "Kow" + code(i)
    text = (
        f"{first} {last}, a lawyer from Ohio, met voters in the district on Monday.\n\n"
        f'"We will win the vote in district {code(i)} this year," {last} said.\n\n'
        f'"Nobody here wants another delay on the {code(i)} road," she added.\n\n'
    )
    return text, f"{first} {last}"


@pytest.mark.slow  # 2.5 MB of text through extraction: the fast suite's longest test (~25 s loaded)
def test_a_multi_megabyte_article_keeps_every_speaker():
    parts, names = [], []
    while sum(map(len, parts)) < TARGET_CHARS:
        text, name = report(len(parts))
        parts.append(text)
        names.append(name)
    article = Article(id="big.txt", path="big.txt", title="", text="".join(parts))
    quotes = [q for q in extract_quotes(article) if q.kind != "scare"]
    assert len(quotes) == 2 * len(names)
    for n, name in enumerate(names):
        vote, delay = quotes[2 * n], quotes[2 * n + 1]
        assert vote.text == f"We will win the vote in district {code(n)} this year,"
        assert delay.text == f"Nobody here wants another delay on the {code(n)} road,"
        assert (vote.speaker, delay.speaker) == (name, name), n
