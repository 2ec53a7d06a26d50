"""Quotation extraction: each kind and attribution pattern, from real news sentences.

Seed sentences are the shipped articles' own; the BBC sentences are from the
BBC News corpus (Greene & Cunningham 2006), annotated by reading them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.models import Article, Quote
from index.quotes import (
    canonical_speaker,
    canonicalize_speakers,
    extract_quotes,
    summarize_speakers,
)

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def article(text: str, path: str = "a.txt") -> Article:
    return Article(id=path, path=path, title=text.split("\n", 1)[0], text=text)


def seed(name_prefix: str) -> Article:
    path = next(SEEDS.glob(f"{name_prefix}_*.txt"))
    return article(path.read_text(encoding="utf-8"), path.name)


def quoted(quotes: list[Quote], words: str) -> Quote:
    """The one quotation whose text holds `words`."""
    found = [q for q in quotes if words in q.text]
    assert len(found) == 1, [q.text for q in quotes]
    return found[0]


# --- direct quotations ---------------------------------------------------------------


def test_missing_opening_mark_starts_at_the_paragraph():
    quotes = extract_quotes(seed("002"))
    q = quoted(quotes, "Cuties is a social commentary")
    assert q.kind == "direct"
    assert q.text == "Cuties is a social commentary against the sexualization of young children,"
    assert q.speaker == "Netflix" and q.speaker_mention == "Netflix"


def test_quote_split_by_its_attribution_gives_both_parts_the_speaker():
    text = (
        "“We’re deeply sorry for the inappropriate artwork that we used for Mignonnes/Cuties,” "
        "a Netflix spokesperson said in a statement at the time. “It was not OK, nor was it "
        "representative of this French film which premiered at Sundance.”"
    )
    first, second = (q for q in extract_quotes(article(text)) if q.kind != "scare")
    assert first.text.endswith("Mignonnes/Cuties,")
    assert second.text.startswith("It was not OK")
    assert first.speaker == second.speaker == "Netflix"
    assert first.speaker_mention == "a Netflix spokesperson"


def test_span_is_the_text_inside_the_marks_and_id_names_it():
    a = seed("002")
    for q in extract_quotes(a):
        assert a.text[q.start : q.end].strip() == q.text
        assert q.id == f"{a.id}#{q.start}"
        assert q.path == a.path and q.article_id == a.id


def test_pronoun_resolves_to_the_person_named_before():
    quotes = extract_quotes(seed("002"))
    q = quoted(quotes, "I received numerous attacks on my character")
    assert q.speaker_mention == "she"
    assert q.speaker == "Maimouna Doucoure"


def test_inverted_wrote_names_the_speaker_after_the_verb():
    q = quoted(extract_quotes(seed("002")), "Please make the choice")
    assert q.speaker == "Kelsi Swift"


def test_reads_a_message_on_the_campaign():
    q = quoted(extract_quotes(seed("000")), "From cuties to Big Mouth")
    assert q.speaker_mention == "a message on the campaign"
    assert q.kind == "direct"


def test_the_statement_continued_is_the_previous_statements_speaker():
    quotes = extract_quotes(seed("000"))
    q = quoted(quotes, "It’s an award-winning film")
    assert q.speaker_mention == "The statement"
    assert q.speaker == "Netflix"
    assert quoted(quotes, "is a social commentary").speaker_mention == "Netflix officials"


def test_colon_introduction_by_an_organisations_account():
    q = quoted(extract_quotes(seed("003")), "CUTIES—a coming-of-age tale")
    assert q.speaker == "Netflix"
    assert q.speaker_mention == "Netflix’s official Twitter account"


def test_told_in_a_statement_before_the_quote():
    q = quoted(extract_quotes(seed("003")), "We’re deeply sorry")
    assert q.speaker_mention == "a Netflix representative"
    assert "(…)" in q.text and q.text.endswith("description.")


# --- BBC conventions -------------------------------------------------------------------

BBC_STRAW = (
    'In a statement, Mr Straw said the bus service between Srinagar and Muzaffarabad "will be '
    'able to reunite families that have been divided for decades". "This will make a real '
    'difference to the lives of Kashmiris on both sides of the Line of Control," he said. "I '
    'warmly applaud the efforts of both India and Pakistan to make this happen.\n\n"This spirit '
    "of cooperation will, I hope, lead to many more measures that will benefit all in the "
    'region."'
)


def test_bbc_quote_run_over_paragraphs_is_one_quotation():
    text = "Foreign Secretary Jack Straw praised the deal.\n\n" + BBC_STRAW
    quotes = [q for q in extract_quotes(article(text)) if q.kind != "scare"]
    run = quoted(quotes, "I warmly applaud")
    assert "This spirit of cooperation will" in run.text
    assert run.text.endswith("benefit all in the region.")
    assert "\n" not in run.text
    assert {q.speaker for q in quotes} == {"Jack Straw"}


def test_bbc_partial_quote_after_said_is_partial():
    q = quoted(extract_quotes(article(BBC_STRAW)), "will be able to reunite")
    assert q.kind == "partial"
    assert q.speaker_mention == "Mr Straw"


BBC_ATTRIBUTIONS = {
    "name, apposition, said": (
        '"The losers in this new trade landscape will be some of the most vulnerable workers in '
        'countries such as Bangladesh, Cambodia, Sri Lanka and Nepal," Andrew Pendleton, '
        "Christian Aid's head of Trade Policy, said. \"They will be hard-pressed to cope when "
        'garment industries there lose their protection." The WTO said there was no consensus '
        "among its members.",
        ["Andrew Pendleton", "Andrew Pendleton"],
    ),
    "said, title and name": (
        '"There will be a period of adjustment required," said WTO spokesman Keith Rockwell. '
        '"Some countries will do better than others."',
        ["Keith Rockwell", "Keith Rockwell"],
    ),
    "name said colon": (
        "Mido said: \"There isn't much I have to say today, all there is to say is that I came "
        'specially from England to Egypt to rejoin the national team."',
        ["Mido"],
    ),
    "he is the subject before, not the last name": (
        "But Mr Herron - who is running his own No campaign - said he was not convinced by Mr "
        'Mallon\'s arguments. "The reality is that it is not going to deliver," he said.',
        ["Herron"],
    ),
    "a quote after a sentence about the speaker": (
        '"I felt so privileged to have a thousand people watching my film," says Andrea '
        "Arnold.\n\nAnd she won't commit to an opinion of Hollywood yet. \"I'm just in the middle "
        'of it, living moment to moment, day to day."',
        ["Andrea Arnold", "Andrea Arnold"],
    ),
    "a sentence-ending quote is not the next sentence's": (
        '"I am satisfied that the whole saga has been brought to an end," Chepkemei said. "I '
        'will be disappointed if I am not given a chance to compete." AK had insisted it was '
        "making an example of her.",
        ["Chepkemei", "Chepkemei"],
    ),
}


@pytest.mark.parametrize(("text", "speakers"), BBC_ATTRIBUTIONS.values(), ids=BBC_ATTRIBUTIONS)
def test_bbc_attribution(text, speakers):
    quotes = extract_quotes(article(text))
    assert [q.speaker for q in quotes] == speakers
    assert all(q.kind == "direct" for q in quotes)


def test_bbc_unclosed_flattened_quote_stops_before_the_narration():
    text = (
        "Mido added: \"It's not my right to give orders. \"So I'm now used to the fact that "
        "the press can be against me at times. Meanwhile, Egypt FA spokesman Methat Shalaby "
        "welcomed the apology and said no one had exerted pressure on Mido."
    )
    (q,) = extract_quotes(article(text))
    assert q.text.endswith("against me at times.")
    assert "Shalaby" not in q.text
    assert q.speaker == "Mido"


def test_according_to_before_the_quote():
    text = (
        'According to the lawsuit, the explosions were intended to "simulate the appearance '
        'of bullets striking the ground" during filming.'
    )
    (q,) = extract_quotes(article(text))
    assert q.speaker_mention == "the lawsuit"


# --- partial, scare, block, tweet ------------------------------------------------------


def test_partial_quote_with_called():
    q = quoted(extract_quotes(seed("004")), "beautiful film")
    assert q.kind == "partial" and q.speaker == "Tessa Thompson"


def test_titles_and_scare_quotes_are_scare():
    kinds = {q.text: q.kind for q in extract_quotes(seed("003"))}
    assert kinds["Cuties,"] == kinds["Desire,"] == "scare"
    kinds = {q.text: q.kind for q in extract_quotes(seed("001"))}
    assert kinds["exploitative"] == kinds["free-spirited dance clique"] == "scare"
    assert all(q.speaker is None for q in extract_quotes(seed("001")) if q.kind == "scare")


def test_quotes_inside_a_tweet_are_not_separate_quotations():
    quotes = extract_quotes(seed("000"))
    assert not any(q.text == "Cuties" for q in quotes)


def test_according_to_colon_line_introduces_a_block():
    q = quoted(extract_quotes(seed("001")), "is a social commentary")
    assert q.kind == "block"
    # `Netflix has responded ..., stating that ... According to Variety:` -- Variety carries it
    assert q.speaker == "Netflix"
    assert q.text.endswith("to watch the movie.")


def test_colon_line_without_a_reporting_cue_is_not_a_block():
    text = (
        "You can watch the trailer of the film here:\nThe film is currently streaming on "
        "Netflix in most countries of the world."
    )
    assert extract_quotes(article(text)) == []


def test_tweet_signed_on_the_same_line():
    q = quoted(extract_quotes(seed("000")), "#cancelnetflix is trending number one")
    assert q.kind == "tweet"
    assert (q.speaker, q.handle, q.date) == ("Ron Setran", "@RonSetran", "2020-09-11")
    assert q.text.endswith("pic.twitter.com/HzZ0gC5XLF")


def test_tweet_signed_on_the_next_line():
    q = quoted(extract_quotes(seed("001")), "please explain why you are platforming")
    assert q.kind == "tweet"
    assert (q.speaker, q.handle, q.date) == ("Sister Outrider", "@ClaireShrugged", "2020-09-10")
    assert q.text.startswith(".@netflix")


def test_tweet_whose_signature_was_lost_has_no_author():
    q = quoted(extract_quotes(seed("001")), "The world is officially")
    assert q.kind == "tweet"
    assert q.speaker is None and q.handle is None


def test_tweet_by_an_organisation_keeps_its_handle():
    q = quoted(extract_quotes(seed("001")), "We’re deeply sorry")
    assert (q.kind, q.speaker, q.handle, q.date) == ("tweet", "Netflix", "@netflix", "2020-08-20")


# --- speakers --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mention", "name"),
    [
        ("a Netflix spokesperson", "Netflix"),
        ("a Netflix representative", "Netflix"),
        ("Netflix officials", "Netflix"),
        ("Netflix’s official Twitter account", "Netflix"),
        ("Foreign Secretary Jack Straw", "Jack Straw"),
        ("The film’s director Maimouna Doucoure", "Maimouna Doucoure"),
        ("Revolution Studios spokesman Sean Dudas", "Sean Dudas"),
        ("she", "she"),
        (None, None),
    ],
)
def test_canonical_speaker(mention, name):
    assert canonical_speaker(mention) == name


def test_speakers_grouped_across_sources_prefer_the_accented_full_name():
    quotes = [
        Quote(
            "a#1",
            "a",
            "a",
            1,
            5,
            "I received numerous attacks on my character",
            "direct",
            speaker="Maimouna Doucoure",
        ),
        Quote(
            "b#1", "b", "b", 1, 5, "The film is about my own story", "direct", speaker="Doucouré"
        ),
        Quote(
            "c#1",
            "c",
            "c",
            1,
            5,
            "A tale from Maïmouna Doucouré is coming",
            "direct",
            speaker="Netflix",
        ),
        # the same story: Netflix speaks in both articles
        Quote("a#2", "a", "a", 9, 20, "We stand by the film", "direct", speaker="Netflix"),
        Quote("b#2", "b", "b", 9, 20, "We stand by the film", "direct", speaker="Netflix"),
    ]
    names = [q.speaker for q in canonicalize_speakers(quotes)]
    assert names == ["Maïmouna Doucouré", "Maïmouna Doucouré", "Netflix", "Netflix", "Netflix"]


def test_surname_alone_joins_the_only_full_name_but_not_an_ambiguous_one():
    q = [
        Quote(f"{p}#{n}", p, p, n, n + 5, "words words words", "direct", speaker=s)
        for n, (p, s) in enumerate(
            [
                ("a", "Gordon Brown"),
                ("b", "Nick Brown"),
                ("c", "Brown"),
                ("d", "Kelsi Swift"),
                ("e", "Swift"),
                ("d", "Lena Ortiz"),  # who speaks in both: the same story
                ("e", "Lena Ortiz"),
            ]
        )
    ]
    assert [x.speaker for x in canonicalize_speakers(q)] == [
        "Gordon Brown",
        "Nick Brown",
        "Brown",
        "Kelsi Swift",
        "Kelsi Swift",
        "Lena Ortiz",
        "Lena Ortiz",
    ]


def test_surname_alone_keeps_to_itself_in_an_unrelated_article():
    """`Cook` quoted on a DJ's tour is not Robin Cook, quoted on a war in another article;
    `Sharon` on a talk show is not Ariel Sharon."""
    q = [
        Quote(f"{p}#{n}", p, p, n, n + 5, f"words of their own, {n}", "direct", speaker=s)
        for n, (p, s) in enumerate(
            [
                ("war", "Robin Cook"),
                ("war", "Tony Blair"),
                ("tour", "Cook"),
                ("tour", "Zoe Ball"),
                ("peace", "Ariel Sharon"),
                ("peace", "Tony Blair"),
                ("show", "Sharon"),
                ("show", "Simon Cowell"),
            ]
        )
    ]
    assert [x.speaker for x in canonicalize_speakers(q)][2:7:2] == [
        "Cook",
        "Ariel Sharon",
        "Sharon",
    ]


def test_surname_alone_joins_the_full_name_that_said_the_same_words():
    q = [
        Quote(f"{p}#1", p, p, 1, 5, words, "direct", speaker=s)
        for p, s, words in [
            ("a", "Andrea Arnold", "It means so much to me to be here tonight"),
            ("b", "Arnold", "It means so much to me to be here tonight, with all of you"),
            ("c", "Arnold", "We start filming in the spring"),
        ]
    ]
    assert [x.speaker for x in canonicalize_speakers(q)] == ["Andrea Arnold"] * 3


def test_summarize_speakers_counts_quotes_and_sources():
    quotes = []
    for a in (seed("002"), seed("003")):
        quotes += extract_quotes(a)
    netflix = next(s for s in summarize_speakers(quotes) if s.name == "Netflix")
    assert netflix.sources == 2
    assert netflix.quotes == sum(q.speaker == "Netflix" and q.kind != "scare" for q in quotes)
    assert "a Netflix representative" in netflix.mentions


# --- bad input -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\n\n",
        "“",
        '""""',
        "” said he",
        "— (@x) September 99, 2020",
        'He said: "',
        "‘’‘’",
        "pic.twitter.com/x",
        "According to:\n\nx",
        "\x00\x1b[31m “red”",
    ],
)
def test_odd_text_gives_no_error(text):
    for q in extract_quotes(article(text)):
        assert 0 <= q.start <= q.end <= len(text)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from([*"ab C.,:;\n\"“”‘’'—@#()-", "said", " he ", "Mr Ab", "(@x)"]), max_size=60
    ).map("".join)
)
def test_any_text_extracts_without_error_and_spans_stay_inside(text):
    for q in extract_quotes(article(text)):
        assert 0 <= q.start <= q.end <= len(text)
        assert q.kind in {"direct", "partial", "block", "tweet", "scare"}
