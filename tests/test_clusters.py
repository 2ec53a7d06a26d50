"""The same statement across sources: clusters, links and word-level differences."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

import index.quotes.clusters as clusters_module
from index.models import Article, Cluster, Quote
from index.quotes import apply_clusters, canonicalize_speakers, cluster_quotes, extract_quotes
from index.quotes.clusters import ClusterMemo, same_speaker
from index.quotes.diff import _WORD as WORD
from index.quotes.diff import diff_parts, words
from index.quotes.names import fold

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def seed_quotes() -> list[Quote]:
    quotes = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        quotes += extract_quotes(Article(path.name, path.name, "", text))
    return canonicalize_speakers(quotes)


def quote(path: str, text: str, start: int = 0, kind: str = "direct") -> Quote:
    return Quote(f"{path}#{start}", path, path, start, start + len(text), text, kind)


def cluster_with(clusters: list[Cluster], words: str) -> Cluster:
    found = [c for c in clusters if any(words in v.quote.text for v in c.versions)]
    assert len(found) == 1, [[v.quote.text[:40] for v in c.versions] for c in clusters]
    return found[0]


def changed_words(cluster: Cluster, path_prefix: str) -> list[str]:
    return [
        p.text
        for v in cluster.versions
        if v.quote.path.startswith(path_prefix)
        for p in v.parts
        if p.changed
    ]


def test_netflix_statement_is_one_cluster_over_three_seeds():
    clusters = cluster_quotes(seed_quotes())
    c = cluster_with(clusters, "social commentary against the sexualization")
    assert [s[:3] for s in c.sources] == ["000", "001", "002"]
    # 002 splits the statement by its attribution: its two halves are one version
    (halves,) = [v.quote for v in c.versions if v.quote.path.startswith("002")]
    assert halves.text.startswith("Cuties is a social commentary")
    assert "award winning film" in halves.text
    kinds = {v.quote.kind for v in c.versions}
    assert kinds == {"direct", "block"}


def test_apology_cluster_marks_won_an_award_against_premiered():
    clusters = cluster_quotes(seed_quotes())
    c = cluster_with(clusters, "deeply sorry for the inappropriate artwork")
    assert [s[:3] for s in c.sources] == ["001", "002", "003"]
    assert changed_words(c, "001") == ["won an award"]
    assert "premiered" in changed_words(c, "002")
    assert "premiered" in changed_words(c, "003")
    assert len(clusters) == 2


def test_versions_carry_cluster_id_and_the_other_sources():
    clusters = cluster_quotes(seed_quotes())
    for c in clusters:
        for v in c.versions:
            assert v.quote.cluster == c.id
            assert v.quote.path not in v.quote.also_in
            assert set(v.quote.also_in) | {v.quote.path} == set(c.sources)
            assert "".join(p.text for p in v.parts) == v.quote.text


def test_apply_clusters_links_the_quotes_and_leaves_the_rest():
    quotes = seed_quotes()
    linked = apply_clusters(quotes, cluster_quotes(quotes))
    assert [q.id for q in linked] == [q.id for q in quotes]
    swift = next(q for q in linked if q.speaker == "Kelsi Swift")
    assert swift.cluster is None and swift.also_in == ()
    apology = next(q for q in linked if q.path.startswith("003") and "deeply sorry" in q.text)
    assert [p[:3] for p in apology.also_in] == ["001", "002"]


def test_cluster_id_is_stable_whatever_the_input_order():
    quotes = seed_quotes()
    shuffled = list(quotes)
    random.Random(3).shuffle(shuffled)
    assert sorted(c.id for c in cluster_quotes(quotes)) == sorted(
        c.id for c in cluster_quotes(shuffled)
    )


def test_different_statements_sharing_boilerplate_do_not_merge():
    a = quote(
        "a.txt",
        "We are deeply concerned that the New Year will spell misery for huge "
        "numbers of garment workers in Bangladesh.",
    )
    b = quote(
        "b.txt",
        "We are deeply concerned that the decision will cost thousands of jobs "
        "in the steel industry this year.",
    )
    c = quote("c.txt", "The government exerts a lot of political power in the North East.")
    d = quote("d.txt", "The accountability should be in the North East as well as in London.")
    assert cluster_quotes([a, b, c, d]) == []


def test_small_edits_still_cluster():
    a = quote(
        "a.txt",
        "It’s an award-winning film and a powerful story about the pressure "
        "young girls face on social media.",
    )
    b = quote(
        "b.txt",
        "It's an award winning film and a powerful story about the pressure young "
        "girls face on social media.",
    )
    (c,) = cluster_quotes([a, b])
    assert c.sources == ("a.txt", "b.txt")
    assert not any(p.changed for v in c.versions for p in v.parts)


def test_omitted_sentence_marked_with_ellipsis_clusters_with_the_whole():
    whole = quote(
        "a.txt",
        "We’re deeply sorry for the artwork. It was not OK, nor was it "
        "representative of this film. We’ve now updated the pictures.",
    )
    cut = quote("b.txt", "We’re deeply sorry for the artwork. (…) We’ve now updated the pictures.")
    (c,) = cluster_quotes([whole, cut])
    assert len(c.versions) == 2


def test_same_source_alone_is_not_a_cluster():
    a = quote("a.txt", "This will make a real difference to the lives of Kashmiris.", 0)
    b = quote("a.txt", "This will make a real difference to the lives of Kashmiris.", 500)
    assert cluster_quotes([a, b]) == []


def test_short_quotes_and_scare_quotes_never_cluster():
    short = [quote(p, "a beautiful film") for p in ("a.txt", "b.txt")]
    scare = [
        quote(p, "the spirit of cooperation between the two countries", kind="scare")
        for p in ("a.txt", "b.txt")
    ]
    assert cluster_quotes(short + scare) == []


def test_diff_parts_keep_punctuation_and_mark_only_differing_words():
    parts = diff_parts(
        "this French film which won an award at Sundance.",
        ["this French film, which premiered at Sundance."],
    )
    assert "".join(p.text for p in parts) == "this French film which won an award at Sundance."
    assert [p.text for p in parts if p.changed] == ["won an award"]


def test_diff_ignores_a_longer_excerpt_in_the_other_source():
    parts = diff_parts(
        "is a social commentary against the sexualization of young children.",
        [
            "Cuties is a social commentary against the sexualization of young "
            "children. It is an award winning film."
        ],
    )
    assert not any(p.changed for p in parts)


@pytest.mark.parametrize(
    "text",
    [
        "Doucouré said DOUCOURE’s film isn't what the co-writers meant",
        "Plain ASCII: the Co-Writers ISN'T what O'Neill's 2 films meant, 3-4 times.",
    ],
)
def test_a_text_s_words_are_its_words_folded_one_by_one_at_their_offsets(text: str):
    """ASCII text is lowered whole (`words`' shortcut): the same words, at the same
    places, as each word folded alone."""
    found = words(text)
    assert [(s, e) for s, e, _ in found] == [(m.start(), m.end()) for m in WORD.finditer(text)]
    assert [w for *_, w in found] == [fold(text[s:e]).replace("’", "'") for s, e, _ in found]


def test_speakers_agree_when_one_s_folded_words_are_within_the_other_s():
    assert same_speaker("Gordon Brown", "Exchequer GORDON Brown")
    assert same_speaker("Maïmouna Doucouré", "Doucoure")
    assert not same_speaker("Gordon Brown", "Brown's deputy")
    assert not same_speaker("Gordon Brown", "...")


BBC = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "bbc"


@pytest.mark.skipif(not BBC.is_dir(), reason="../shared/corpora/bbc is absent")
def test_bbc_clusters_come_from_distinct_sources_and_find_duplicate_articles():
    quotes = []
    for path in sorted((BBC / "business").glob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        rel = path.relative_to(BBC).as_posix()
        quotes += extract_quotes(Article(rel, rel, "", text))
    clusters = cluster_quotes(quotes)
    assert clusters
    for c in clusters:
        assert len(c.sources) >= 2
    # the corpus holds exact duplicate articles; their quotations are linked both ways
    texts: dict[str, list[str]] = {}
    for path in sorted((BBC / "business").glob("*.txt")):
        texts.setdefault(path.read_bytes().decode("utf-8", "replace"), []).append(
            path.relative_to(BBC).as_posix()
        )
    dup = next(
        paths
        for paths in texts.values()
        if len(paths) > 1
        and any(
            q.path == paths[0] and len(q.text.split()) >= 8 and q.kind in ("direct", "partial")
            for q in quotes
        )
    )
    linked = {
        p for c in clusters for v in c.versions if v.quote.path == dup[0] for p in v.quote.also_in
    }
    assert dup[1] in linked


def spoken(source: str, text: str, speaker: str | None, article: str | None = None) -> Quote:
    """A quotation of `source` (article id `article`, for several articles in one file)."""
    article = article or source
    return Quote(f"{article}#0", article, source, 0, len(text), text, "direct", speaker)


def test_a_common_phrase_never_links_two_statements():
    quotes = [
        spoken("a.txt", "Being nominated means so much to me and my family.", "Kate Winslet"),
        spoken("b.txt", "Playing for this club means so much to me.", "Craig Bellamy"),
        spoken("c.txt", "That is not the case,", "Tim Ellsmore"),
        spoken("d.txt", "Steve has never been used that way. That is not the case at all.", None),
    ]
    assert cluster_quotes(quotes) == []


def test_statements_link_only_when_their_speakers_agree():
    words = "We will not raise taxes on working families in the next parliament"
    quotes = [
        spoken("a.txt", words + ".", "Gordon Brown"),
        spoken("b.txt", words + ",", "Chancellor Gordon Brown"),
        spoken("c.txt", words + ".", None),
        spoken("d.txt", words + ".", "Michael Howard"),
    ]
    (c,) = cluster_quotes(quotes)
    assert [v.quote.path for v in c.versions] == ["a.txt", "b.txt", "c.txt"]


def test_articles_of_one_jsonl_file_link_like_any_others():
    words = "The report shows the scheme has failed the people it was meant to help."
    quotes = [
        spoken("feed.jsonl", words, "Jane Smith", "feed.jsonl:1"),
        spoken("feed.jsonl", words, "Jane Smith", "feed.jsonl:7"),
    ]
    (c,) = cluster_quotes(quotes)
    linked = apply_clusters(quotes, [c])
    assert [q.also_in for q in linked] == [("feed.jsonl:7",), ("feed.jsonl:1",)]


def test_a_kept_memo_clusters_exactly_as_a_fresh_run_as_a_shingle_grows_too_common(
    monkeypatch: pytest.MonkeyPatch,
):
    """An update clusters with what the last run kept (`ClusterMemo`); at every step the
    result is a fresh run's. The wire statement, carried by as many sources as a
    shingle may have holders, is a cluster; one source more makes its every shingle
    boilerplate, so it is none, and one source fewer makes it one again."""
    limit = 6  # MAX_POSTINGS (500) made small: a 500-version cluster takes a minute to diff
    monkeypatch.setattr(clusters_module, "MAX_POSTINGS", limit)
    wire = "The harbour wall will be finished before the winter storms arrive, officials said"
    carried = [quote(f"wire-{n:03}.txt", wire) for n in range(limit)]
    other = [
        quote("a.txt", "Nobody asked the people who live by the water what they wanted", 300),
        quote("b.txt", "Nobody asked the people who live by the water what they wanted here", 90),
    ]
    memo = ClusterMemo()
    steps = [carried + other, [*carried, quote("wire-late.txt", wire), *other], carried + other]
    for number, quotes in enumerate(steps):
        kept = cluster_quotes(list(reversed(quotes)), memo)  # in any order: corpus order
        fresh = cluster_quotes(quotes)
        assert kept == fresh, number
        sizes = sorted(len(c.versions) for c in kept)
        assert sizes == ([2] if number == 1 else [2, limit]), number


def test_a_kept_memo_clusters_as_a_fresh_run_as_a_statement_gains_and_loses_its_second_source():
    """A statement's shingles go from one holder to two and back (the table keeps a lone
    holder apart from a list of them): at every step the kept memo clusters as a fresh
    run, in whichever order the quotations come."""
    words = "We will not raise taxes on working families in the next parliament"
    first, second = quote("a.txt", words, 40), quote("b.txt", words + ", he said", 12)
    third = quote("c.txt", "Nobody asked the people who live by the water what they wanted")
    memo = ClusterMemo()
    steps = [[first, third], [first, second, third], [second, third], [third], [first, second]]
    for number, quotes in enumerate(steps):
        kept = cluster_quotes(list(reversed(quotes)), memo)
        assert kept == cluster_quotes(quotes), number
        paths = [[v.quote.path for v in c.versions] for c in kept]
        assert paths == ([["a.txt", "b.txt"]] if number in (1, 4) else []), number
