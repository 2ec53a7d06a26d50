"""Issue 12's speaker fields: a name, an @handle or a described source, never a stray word.

One short text of our own per pattern that gave a stray speaker: the tag name of
an embedded tweet's markup, a common word opening a sentence (`Given`,
`Audiences`), a description cut short (`the Arizona`, `Democratic presidential`)
or cut to its first word (`Multiple`) or to a bare title (`the presumptive Republican
presidential nominee`), or run on past its noun (`the board saw Fiorina`, `the chancellor
meanwhile`); a dateline or a headline's words (`DECATUR, Ill. —`, `Drink remark`); and
names that are also words, which stay.
"""

from __future__ import annotations

import pytest

from index.models import Article, Quote
from index.quotes import canonicalize_speakers, extract_quotes
from index.quotes.names import strip_titles
from index.quotes.speakers import corpus_names


def quotes(text: str) -> list[Quote]:
    article = Article(id="a", path="a.txt", title="", text=text)
    return [q for q in extract_quotes(article) if q.kind != "scare"]


def only(text: str, words: str) -> Quote:
    (found,) = [q for q in quotes(text) if words in q.text]
    return found


@pytest.mark.parametrize(
    ("text", "body", "handle", "date"),
    [
        (
            'The mayor answered.\n\n<tweet id="1" author="@cityhall" datetime="2016-03-01">'
            "Roads close at noon for the parade, so plan ahead.</tweet>.\n\nNo one was pleased.",
            "Roads close at noon for the parade, so plan ahead.",
            "@cityhall",
            "2016-03-01",
        ),
        (
            'She wrote back.\n\n<tweet tweet-author="@lena_ortiz" tweet-date="March 2, 2016">'
            "I love this town. Without it, I would not be in office.<tweet/>.",
            "I love this town. Without it, I would not be in office.",
            "@lena_ortiz",
            "2016-03-02",
        ),
        (
            'A reply.\n\n<tweet pic="" author="riverwatch" timestamp="1456876800" tweet_id="9">'
            "The river is rising fast near the old mill tonight.</tweet>.",
            "The river is rising fast near the old mill tonight.",
            "@riverwatch",
            "2016-03-02",
        ),
    ],
)
def test_a_tweet_kept_with_its_markup_is_its_authors(
    text: str, body: str, handle: str, date: str
) -> None:
    (tweet,) = quotes(text)
    assert (tweet.kind, tweet.text, tweet.speaker, tweet.handle, tweet.date) == (
        "tweet",
        body,
        handle,
        handle,
        date,
    )
    ((start, end),) = tweet.evidence
    assert text[start:end] == handle.lstrip("@") or text[start:end] == handle


def test_a_signature_inside_the_markup_names_the_speaker() -> None:
    text = (
        'A reply.\n\n<tweet id="2" author="@cityhall" datetime="2016-03-01">The bridge stays '
        "shut until Friday, engineers say. — Greenfield Council (@gfcouncil) March 1, 2016"
        "</tweet>."
    )
    (tweet,) = quotes(text)
    assert tweet.text == "The bridge stays shut until Friday, engineers say."
    assert (tweet.speaker, tweet.handle, tweet.date) == (
        "Greenfield Council",
        "@gfcouncil",
        "2016-03-01",
    )


@pytest.mark.parametrize(
    ("handle", "speaker"),
    [("@lenaortiz", "Lena Ortiz"), ("@Lena_Ortiz", "Lena Ortiz"), ("@lo", "@lo")],
)
def test_a_tweet_signed_by_a_handle_is_the_person_it_spells(handle: str, speaker: str) -> None:
    text = (
        "Fox anchor Lena Ortiz weighed in on Monday.\n\n"
        f'<tweet author="{handle}" datetime="2016-03-01">Roads close at noon for the parade, '
        "so plan ahead.</tweet>."
    )
    (tweet,) = quotes(text)
    assert (tweet.speaker, tweet.handle) == (speaker, handle)


def test_markup_whose_author_is_no_handle_has_no_speaker() -> None:
    text = (
        'A list.\n\n<tweet tweet-author="just look at the list" tweet-date="March 2">'
        "Lower taxes on every small business in the county now.<tweet/>."
    )
    (tweet,) = quotes(text)
    assert (tweet.kind, tweet.speaker) == ("tweet", None)
    assert all(q.speaker != "tweet" for q in quotes(text))


@pytest.mark.parametrize(
    ("text", "words"),
    [
        (
            "Lena Ortiz spoke for an hour.\n\nGiven her past remarks on the budget, it is safe to "
            "say she wants “far deeper cuts to every department.”",
            "far deeper cuts",
        ),
        (
            "The actor returns to the stage this week.\n\nAudiences can expect him to bring “a "
            "little more recklessness than they are used to.”",
            "recklessness",
        ),
        (
            "Introduced on stage by Joe Arpaio, the Arizona sheriff and longtime ally, Trump "
            'launched into a lament for the "countless Americans" who are "victims of violence '
            'by dangerous criminals."',
            "victims of violence",
        ),
        (  # a headline is no prose: `Drink remark` does not make `Drink` someone who remarks
            "Drink remark 'acts as diversion'\n\nThe minister's statement was a diversion from "
            "the row over the budget, opposition parties said on Monday.",
            "acts as diversion",
        ),
        (
            "Parties warned over 'grey vote'\n\nPolitical parties cannot take older voters for "
            "granted, a report said on Monday.",
            "grey vote",
        ),
    ],
)
def test_a_stray_word_or_a_cut_description_is_no_speaker(text: str, words: str) -> None:
    assert only(text, words).speaker is None


@pytest.mark.parametrize(
    ("opening", "speaker"),
    [("A Five spokesman", "a Five spokesman"), ("Yesterday Five spokesman", None)],
)
def test_a_bare_singular_noun_is_no_speaker(opening: str, speaker: str | None) -> None:
    text = (
        f"The channel received 100 complaints.\n\n{opening} said: “We are surprised that "
        "so few viewers understood the campaign.”"
    )
    assert only(text, "so few viewers").speaker == speaker  # never a bare `spokesman`


def test_audiences_is_no_one_the_actor_goes_on_speaking() -> None:
    text = (
        "The actor returns to the stage this week.\n\nAudiences can expect him to bring “a "
        "little more recklessness than they are used to.”\n\n“It comes straight from the "
        "heart,” he said."
    )
    assert only(text, "straight from the heart").speaker == "the actor"


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (  # a phrase cut on an adjective runs on to its noun and name
            "Democratic presidential candidate Lena Ortiz is releasing an ad that urges voters "
            "to “send a message to the big banks this year.”",
            "send a message",
            "Lena Ortiz",
        ),
        (  # a group described from a common word is kept whole
            "Multiple outlets reported that the mayor had “no plans to resign at this point in "
            "time.”",
            "no plans to resign",
            "Multiple outlets",
        ),
        (  # a phrase that ran on into a clause is its subject
            "The directors met in May.\n\nThe board saw Fiorina as “the wrong person for the "
            "job at the wrong time.”",
            "the wrong person",
            "the board",
        ),
        (  # or ran on past its noun into an adverb
            "The budget was debated for hours. The chancellor meanwhile said “the plans will not "
            "change this year at all.”",
            "the plans will not",
            "the chancellor",
        ),
        (  # a description headed by a common noun reaches back to its determiner
            "The attacks were discussed on Monday. The presumptive Republican presidential "
            "nominee told “Fox and Friends” he would act.",
            "Fox and Friends",
            "the presumptive Republican presidential nominee",
        ),
        (
            "The row went on. An All England club spokesperson denied the remark, insisting: "
            "“He definitely did not say it at all.”",
            "definitely did not",
            "an All England club spokesperson",
        ),
        (  # a name then a link to common words, or to a phrase cut short, is that name
            "The report was out. “We welcome this report on film,” said Arts minister Lena "
            "Ortiz of the findings.",
            "this report on film",
            "Lena Ortiz",
        ),
        (
            "“This technology can now be used for much more,” said Professor Lena Ortiz-Vidal "
            "of the Swiss research institute EPFL.",
            "much more",
            "Lena Ortiz-Vidal",
        ),
        (
            "“We will appeal the ruling,” said a spokesman for the company.",
            "appeal the ruling",
            "a spokesman for the company",
        ),
        (  # a title-case headline lends no words to a name
            "Lopez Just Answered To Ortiz’s Sharpest Attack Yet With One Line That Had The Hall "
            "In Stitches.\n\nThe debate opened with a bang.\n\n“I have to say this, she hit my "
            "record hard,” Ortiz said.",
            "hit my record",
            "Ortiz",
        ),
        (  # names that are also English words stay names
            "Mr. Hurt is eager to get the book out. “Time is running out for all of us,” he said.",
            "Time is running out",
            "Hurt",
        ),
        (
            "The seat went to Morris J. Brooks Jr. in 2010.\n\nRepresentative Brooks has said he "
            "favors “anything short of shutting the whole thing down.”",
            "anything short of",
            "Brooks",
        ),
        (
            "Gossip ran wild.\n\nAs Vulture put it, “Hello, it is the pop star everyone is "
            "talking about.”",
            "pop star",
            "Vulture",
        ),
        (
            'WALLACE: Next question, governor.\n\n"PENCE: We will release them when the audit '
            'is done."',
            "audit is done",
            "Pence",
        ),
    ],
)
def test_the_speaker_is_a_name_or_a_whole_description(text: str, words: str, speaker: str) -> None:
    assert only(text, words).speaker == speaker


def test_a_description_keeps_its_words_across_the_corpus() -> None:
    """Another article's bare title never stands in for a whole description."""
    texts = {
        "a.txt": "“We will build it, and they will pay for it,” the presumptive Republican "
        "presidential nominee said on Monday.",
        "b.txt": "Republican presidential nominee remarks are due.\n\n“We will win the state by "
        "a mile this time,” Republican presidential nominee said.",
    }
    found = [
        q
        for path, text in texts.items()
        for q in extract_quotes(Article(id=path, path=path, title="", text=text))
    ]
    speakers = {q.path: q.speaker for q in canonicalize_speakers(found) if q.kind != "scare"}
    assert speakers["a.txt"] == "the presumptive Republican presidential nominee"


def test_a_title_before_a_full_name_still_drops_to_the_name() -> None:
    names = ["Exchequer Gordon Brown", "Gordon Brown", "a Labour party spokesman"]
    mapping = corpus_names([*names, "Labour party spokesman"])
    assert [mapping[n] for n in names] == ["Gordon Brown", "Gordon Brown", names[2]]


@pytest.mark.parametrize(
    "dateline",
    [
        "SPRINGFIELD, Ill. \u2014 ",
        "SPRINGFIELD, Ill. (AP) -- ",
        "ST. PAUL - ",
        "SPRINGFIELD \u2014 ",
    ],
)
def test_a_dateline_opening_a_sentence_is_not_its_subject(dateline: str) -> None:
    text = (
        f"Mayor Pushes Road Plan\n\n{dateline}Mayor Lena Ortiz weighed in on the plans of the "
        "county board, calling the closures a \u201cnecessary evil.\u201d"
    )
    assert only(text, "necessary evil").speaker == "Lena Ortiz"


@pytest.mark.parametrize(
    "sentence",
    [
        "Interestingly Blocher said: \u201cWe will win this in the end.\u201d",
        "\u201cWe will win this in the end,\u201d Interestingly Blocher said.",
    ],
)
def test_an_adverb_opening_the_sentence_is_not_part_of_the_name(sentence: str) -> None:
    text = f"Vote Count Nears End\n\nThe tally went on late into the night.\n\n{sentence}"
    assert only(text, "win this in the end").speaker == "Blocher"


# speakers12: phrases cut short or run on, each the speaker of a short text of our own


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        # an owner, then several modifiers, then the name: not `Ortiz’s top`
        (
            "\u201cThe bridge will be shut for a month at the very least,\u201d said Ortiz\u2019s "
            "top transport policy aide Dana Reyes.",
            "Dana Reyes",
        ),
        # a party or place word, then two modifiers, then the name: not `Labour policy`
        (
            "Labour policy co-ordinator Dana Reyes, MP for Westbury, added: \u201cThe bridge will "
            "be shut for a month at the very least.\u201d",
            "Dana Reyes",
        ),
        # a long title does not cut the name at the phrase's length limit (`Lib Dem home`)
        (
            "\u201cThe bridge will be shut for a month at the very least,\u201d said Lib Dem home "
            "affairs spokesman Sir Ewart Reyes.",
            "Ewart Reyes",
        ),
        # a role before the name that no ending tells (`nominee`): one person, not two
        (
            "Presumptive Green nominee Dana Reyes said the plan had \u201cno chance at all of "
            "passing.\u201d\n\nShe conceded \u201cthe bridge will be shut for a month at the "
            "very least.\u201d",
            "Dana Reyes",
        ),
        # one person described twice, joined by `and`: the whole description
        (
            "Dana Reyes also spoke on Monday. \u201cThe bridge will be shut for a month at the "
            "very least,\u201d the veteran Ohio senator and Green presidential candidate told "
            "reporters.",
            "the veteran Ohio senator and Green presidential candidate",
        ),
        # a determiner, a name, then the nouns it qualifies: the card, not the person
        (
            "Volunteers handed out printed cards. \u201cDana Reyes thanks every one of her "
            "supporters on the bridge tonight,\u201d said the printed Reyes slate card.",
            "the printed Reyes slate card",
        ),
        # a subject that runs on into its clause (`don't hesitate to report`) ends on its noun
        (
            "The channel tells another story. Its hosts don't hesitate to report that ''the "
            "bridge is perfectly safe,'' as one of them did last week.",
            "its hosts",
        ),
        # what a possessive opens (`Reyes’s posts about the council`) is no one; she is Reyes
        (
            "Dana Reyes wrote to the board on Monday. Reyes\u2019s angry posts about the council "
            "include one saying the plan had failed. \u201cThe bridge will be shut for a month "
            "at the very least,\u201d she wrote.",
            "Dana Reyes",
        ),
        # a name after a link word is not the speaker's: the aide speaks, not the mayor
        (
            "\u201cThe bridge will be shut for a month at the very least,\u201d said the former "
            "top aide to Mayor Dana Reyes.",
            "the former top aide to Mayor Dana",
        ),
    ],
)
def test_a_phrase_is_kept_whole_and_no_further(sentence: str, speaker: str) -> None:
    text = f"Bridge Row Goes On\n\nMayor Lena Ortiz met the council on Monday.\n\n{sentence}"
    (found,) = [q for q in quotes(text) if "bridge" in q.text.lower() and len(q.text) > 20]
    assert found.speaker == speaker
    mention = found.speaker_mention or ""
    assert mention.lower() in ("she", "he") or speaker.lower() in mention.lower()


@pytest.mark.parametrize(
    ("after", "speaker"),
    [
        # a name, then its titles with the comma before the verb left out: the name
        ("Dana Reyes, president and chief operating officer said.", "Dana Reyes"),
        ("Dana Reyes, assistant vice president said.", "Dana Reyes"),
        # after a place and a comma, the verb's own subject speaks
        ("supplies from Ohio and West Virginia, the newsletter said.", "the newsletter"),
    ],
)
def test_a_name_before_its_titles_speaks_though_a_comma_is_missing(
    after: str, speaker: str
) -> None:
    text = (
        "Firm Settles Tax Row\n\nThe company said it was close to a deal.\n\n"
        f'"We are pursuing talks that could lead to a final settlement of the dispute," {after}'
    )
    assert only(text, "final settlement").speaker == speaker


def test_a_label_naming_no_one_gives_no_speaker_and_takes_none() -> None:
    text = (
        "Partial transcript:\n\n"
        '"REYES: Mayor, the bridge was shut for a month. Did you know it would be?\n\n'
        '"VIDEO: The mayor told us all the bridge was safe when she knew it was not safe.\n\n'
        '"REYES: Mayor, did you know?\n\n'
        '"ORTIZ: I knew the bridge was old, but no one told me it was not safe."\n\n'
        "The video was played twice. Reyes asked again."
    )
    assert only(text, "Mayor, the bridge was shut").speaker == "Reyes"
    assert only(text, "told us all the bridge").speaker is None
    assert only(text, "I knew the bridge was old").speaker == "Ortiz"


@pytest.mark.parametrize(
    ("sentence", "speaker"),
    [
        # the clause joined by `, and` has its own subject: it speaks, not the sentence's first
        (
            "They have signed a council motion, and Dana Reyes, the ward councillor, has "
            'pledged to take the matter "to the mayor herself if necessary".',
            "Dana Reyes",
        ),
        (
            'The councillors met on Monday; Dana Reyes said the plan was "dead in the water".',
            "Dana Reyes",
        ),
        # no subject of its own after the `, and`: the sentence's subject speaks
        (
            'Dana Reyes met the councillors, and said the plan was "dead in the water".',
            "Dana Reyes",
        ),
    ],
)
def test_a_joined_clause_with_its_own_subject_is_its_subjects(sentence: str, speaker: str) -> None:
    text = f"Bridge Row\n\nFive councillors want the bridge closed.\n\n{sentence}"
    (found,) = [q for q in quotes(text) if q.kind != "scare"]
    assert found.speaker == speaker


@pytest.mark.parametrize(
    ("opening", "speaker"),
    [
        # an opening preposition's object without its comma ends where the name follows
        ("In the paper Reyes wrote,", "Reyes"),
        ("At the hearing Reyes wrote,", "Reyes"),
        # with its comma, the subject after it speaks, as before
        ("In the paper, the mayor wrote,", "the mayor"),
    ],
)
def test_an_opening_phrase_without_its_comma_is_not_the_speaker(opening: str, speaker: str) -> None:
    text = (
        "Bridge Row\n\nMayor Dana Reyes wrote to the council.\n\n"
        f'{opening} "The bridge cannot stay open while the repairs go on."'
    )
    assert only(text, "cannot stay open").speaker in (speaker, "Dana Reyes")
    assert only(text, "cannot stay open").speaker_mention == speaker


def test_an_adverb_opening_a_sentence_names_no_one_for_a_later_he() -> None:
    text = (
        "Market Shuts\n\n"
        "An official with one of the Chinese banks said the deal was priced in line.\n\n"
        '"Banks should be patient," another dealer said.\n\n'
        '"But there is no reason to be pessimistic," he said.\n\n'
        "Previously Chinese banks have always acted as co-lead managers."
    )
    assert only(text, "no reason to be pessimistic").speaker == "another dealer"


@pytest.mark.parametrize(
    "role",
    [
        "Acme Bank chief Asian strategist",  # a capitalised word inside the role
        "Acme Bank chief strategist",
    ],
)
def test_a_role_runs_to_its_noun_and_the_name_after_it_speaks(role: str) -> None:
    text = (
        "Markets Calm\n\n"
        f'"It is not a really big thing in the economic sense," said {role} Mary Lane. '
        "Shares rose in Tokyo."
    )
    assert only(text, "economic sense").speaker == "Mary Lane"


@pytest.mark.parametrize(
    "text",
    [
        'The new mayor, Anna Berg, has said the plan is "a careful and limited list of roads".',
        '"It is a careful and limited list of roads," the new mayor, Anna Berg, has said.',
        '"It is a careful and limited list of roads," the new mayor, Anna Berg, also said.',
    ],
)
def test_an_appositions_name_speaks_through_an_auxiliary(text: str) -> None:
    assert only(f"Road Works\n\n{text}", "limited list of roads").speaker == "Anna Berg"


def test_a_verb_after_a_titled_name_is_no_part_of_the_role() -> None:
    text = (
        "Vote Won\n\n"
        'Earlier Tory leader Ann Moss sent Mr Reyes her "warmest congratulations", saying: '
        '"We look to the mayor to be a unifying force for the whole of the city."'
    )
    assert only(text, "unifying force").speaker == "Ann Moss"


@pytest.mark.parametrize(
    ("named", "speaker"),
    [
        ("Tom Hale, Professor of Food Science at Tenby University,", "Tom Hale"),
        ("Tom Hale, Chief Executive of Tenby Hospitals NHS Trust, had", "Tom Hale"),
        # a name then its employer, no title: the name in commas is still the speaker's
        ("Another analyst, Tom Hale at Tenby Securities Ltd,", "Tom Hale"),
    ],
)
def test_a_role_in_commas_is_not_the_name(named: str, speaker: str) -> None:
    text = (
        f'Palm Oil\n\nBut {named} said: "Palm oil is not good for the heart of anyone who eats it."'
    )
    assert only(text, "Palm oil is not good").speaker == speaker


@pytest.mark.parametrize("outlet", ["Edge", "Tenby"])
def test_a_description_runs_to_its_noun_before_a_preposition(outlet: str) -> None:
    text = (
        "Game Review\n\n"
        '"It is the most important launch game for any console ever," wrote the influential '
        f"{outlet} magazine in its review, giving it a rare mark."
    )
    found = only(text, "launch game")
    assert found.speaker_mention == f"the influential {outlet} magazine"
    assert found.speaker == outlet


@pytest.mark.parametrize(
    ("sentence", "words"),
    [
        # an owner whose owned noun was cut off
        (
            'The Council\'s bold 2003 ruling gave "protected place of heritage" status to the '
            "harbour.",
            "heritage",
        ),
        (
            "Talks on Norway's planned entry into the pact have been \"making very good "
            'progress" say those behind them.',
            "making",
        ),
        # adjectives and a place, their noun (`casinos`) cut off
        (
            "Controversial new UK hotels will be told to make sure they are "
            '"open to every guest", it has been said.',
            "every guest",
        ),
        # a determiner then a function word
        (
            'Listed in the other lists is best "podcast". This is for the top "new voice that '
            'spread across the web".',
            "new voice",
        ),
        # a modal opening the sentence after a role noun's full stop
        (
            'The firm spoke in its statement. Should it sell, it must be at a price that "the '
            'owners think fair" to all.',
            "owners think",
        ),
    ],
)
def test_a_subject_cut_short_is_no_speaker(sentence: str, words: str) -> None:
    text = f"Harbour News\n\nThe town met on Monday.\n\n{sentence}"
    found = only(text, words)
    assert found.speaker is None


def test_a_name_then_its_verb_and_object_is_the_name() -> None:
    text = (
        "Singer Video Pulled\n\nThe new video of singer Dara Quinlan has been pulled. "
        'Quinlan makes claims in the song that his old school had "iron bars".'
    )
    assert only(text, "iron bars").speaker == "Dara Quinlan"


def test_a_plural_noun_before_an_auxiliary_stays_the_subject() -> None:
    text = (
        "Cup Final\n\nThe club met its supporters on Monday. "
        'Rovers fans had declared the match "a festival of football".'
    )
    assert only(text, "festival").speaker != "Rovers"


def test_adjectives_and_a_party_are_no_one_she_may_be() -> None:
    text = (
        "Funding Vote\n\nPresumptive Democratic presidential nominee Ann Moss called on the "
        'council to act. She shared a note from her aide, Tom Hale, that read: "The council '
        'must act now on the water supply."'
    )
    assert only(text, "water supply").speaker == "Ann Moss"


@pytest.mark.parametrize(
    "titled",
    ["Retired Army Col. Lena Ortiz", "Army Capt. Lena Ortiz", "Supreme Court Justice Lena Ortiz"],
)
def test_a_service_or_modifier_before_a_title_is_part_of_it(titled: str) -> None:
    text = f'Panel\n\n{titled} began the debate and later said, "It is not that simple."'
    assert only(text, "not that simple").speaker == "Lena Ortiz"


def test_a_title_before_an_adjective_names_an_organisation() -> None:
    text = (
        "Quarterly Results\n\nUS giant General Electric has posted a 12% jump in sales, and "
        'declared itself "in very good shape".'
    )
    assert only(text, "good shape").speaker == "General Electric"


def test_a_role_before_an_owner_in_its_complement_is_the_role() -> None:
    text = (
        "Senate Race\n\nSenator Ann Moss spoke on Monday. Another source familiar with Moss's "
        'thinking said, "She will try to be more friendly with her colleagues now."'
    )
    assert only(text, "more friendly").speaker == "another source"


def test_a_word_opening_a_sentence_after_a_function_words_full_stop_is_no_one() -> None:
    text = (
        "Tax Reform\n\nThe institutes said subsidies had risen further since then. Given the "
        'size of these subsidies, it should be possible "despite the political difficulties" '
        "to pay for the reform."
    )
    assert only(text, "political difficulties").speaker is None


@pytest.mark.parametrize(
    ("said", "speaker"),
    [
        ('"We can reach local traders at last," said Bank of Tenby\'s Kimura.', "Kimura"),
        ('Bank of Tenby officials said this was "an understandable step."', "Bank of Tenby"),
        ('"We can reach local traders at last," said Bank of Tenby Governor Ann Moss.', "Ann Moss"),
        # a `-based` word is no part of the name after it
        ('A Palo Alto, Calif.-based Tenby said, "We can reach local traders at last."', "Tenby"),
    ],
)
def test_an_organisations_name_keeps_its_of(said: str, speaker: str) -> None:
    text = f"Rates\n\nThe bank met on Monday. {said}"
    (found,) = quotes(text)
    assert found.speaker == speaker


def test_a_name_in_commas_keeps_its_city_and_state() -> None:
    text = (
        "Superdelegates\n\nVermont Sen. Bernie Sanders spoke on Monday. Another superdelegate, "
        "Tom Hale of Washington, D.C., explained his support. "
        '"It is time to stand behind our candidate," he said.'
    )
    assert only(text, "stand behind").speaker == "Tom Hale"


def test_a_surname_written_like_a_pronoun_is_the_person() -> None:
    text = (
        "Reform Drive\n\nBut He Qiaolin, a representative of the Tenby Institute, said the "
        'reforms were safe. "The hardest thing is to strike the balance," He said. '
        '"We are exploring ways of doing this," he said.'
    )
    assert only(text, "hardest thing").speaker == "He Qiaolin"
    assert only(text, "exploring ways").speaker == "He Qiaolin"


def test_an_acronym_or_a_common_word_opening_a_title_is_no_part_of_the_name() -> None:
    text = (
        "Oil Price\n\nOil should cost 18 dlrs a barrel, TENBY President Lena Ortiz said today."
        '\n\n"We expect a fair price," Ortiz said.'
    )
    assert only(text, "fair price").speaker == "Lena Ortiz"
    titled = ["TENBY", "Assistant", "General", "Secretary", "Lena", "Ortiz"]
    assert strip_titles(titled) == ["Lena", "Ortiz"]


def test_a_name_then_a_past_verb_and_its_object_is_no_longer_phrase() -> None:
    text = (
        "Currency Talks\n\nJapan wanted the Tenby communique to imply a higher value, perhaps "
        'by using the word "recent" for "current," officials said.'
    )
    assert only(text, "recent").speaker is None  # was `Japan wanted the Tenby`


def test_a_word_the_article_never_writes_acting_is_no_ones_they() -> None:
    text = (
        "Pass Plan\n\nThe council will vote on a bill to bring in compulsory PASS. The bill is "
        'expected to be opposed by the Greens.\n\nThey have said the scheme is "badly '
        'flawed" and a waste of money. Critics of PASS cards, and of PASS checks, spoke out.'
    )
    assert only(text, "badly flawed").speaker is None  # was `PASS`


def test_a_label_before_a_colon_is_no_speaker() -> None:
    text = (
        "Tenby Mills Net\n\nNet 4.3 mln vs 1.9 mln\n\nNOTE: 1986 figures restated for the "
        'adoption of statement 87 "employer\'s accounting for pensions."'
    )
    assert all(q.speaker is None for q in quotes(text))  # was `NOTE`


def test_a_who_clause_before_the_verb_speaks_not_the_sentences_subject() -> None:
    text = (
        "Summit\n\nMs Hale will open the summit, although her speech will be pre-empted by "
        "Mayor Tom Ortiz, who announced his attendance late and secured a slot for a "
        '"special message" two hours before Ms Hale speaks.'
    )
    assert only(text, "special message").speaker == "Tom Ortiz"  # was Ms Hale


def test_a_who_clause_after_a_company_is_its_persons() -> None:
    text = (
        'Fed Chair\n\nThe choice pleased economists. "He is a well known figure," said Tom '
        "Hale, economics adviser at Tenby Westminster Bank Plc, who described him as an "
        '"orthodox economist" who may suit the job.'
    )
    assert only(text, "orthodox economist").speaker == "Tom Hale"


def test_a_document_owned_by_a_day_is_the_source() -> None:
    text = (
        "Retail Sales\n\nFigures released earlier this week showed sales fell.\n\n"
        '"Sales did not recover in February as much as shops had expected," today\'s '
        "survey said."
    )
    assert only(text, "did not recover").speaker == "today's survey"  # was `Figures`


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Tenby Market\n\nThe Tenby market shut today. A banker said he saw no reason for it."
            '\n\n"Perhaps they were jealous of the new issue," he said.',
            "a banker",
        ),
        (
            "Sugar\n\nTenby put stocks at two mln tonnes. A Hong Kong trader estimated stocks at "
            'three mln. "Now they are falling," he said.',
            "a Hong Kong trader",
        ),
        (
            "Caucus Day\n\nPolls opened early. A reporter asked Lena Ortiz how she felt. She "
            'replied: "The bigger the turnout, the better I feel."',
            "Lena Ortiz",
        ),
    ],
)
def test_a_pronoun_after_an_unnamed_description_is_that_description(
    text: str, speaker: str
) -> None:
    (found,) = quotes(text)
    assert found.speaker == speaker


def test_things_before_a_participle_are_its_object_not_its_speaker() -> None:
    text = (
        "Merger Fight\n\nTom Hale led the charge, and within weeks the campaign had sent "
        "letters, hired lawyers and placed national newspaper ads calling the deal a "
        '"$25 billion mistake."'
    )
    assert only(text, "billion mistake").speaker == "Tom Hale"  # was `newspaper ads`


def test_a_base_form_after_words_wanting_a_noun_is_that_noun() -> None:
    text = (
        "Plant Audit\n\nTom Hale, the utility's chairman, met the press. Noting the unit was "
        "finished, he said the firm's latest report ignored the work and \"actually penalized "
        'us for it."'
    )
    assert only(text, "actually penalized").speaker == "Tom Hale"  # was `the firm's latest`


@pytest.mark.parametrize(
    ("sentence", "words", "speaker"),
    [
        # a participle with its agent after `by`: what was released, not who spoke
        (
            'Loan figures released by the Tenby Reserve today show that policy is "on hold" '
            "for months, economists said.",
            "on hold",
            "economists",
        ),
        (
            'The minister said the March 2 Tenby accords agreed by the "Group of Three" nations '
            "should be the basis.",
            "Group of Three",
            "the minister",
        ),
        # unless a reporting verb follows: the statement says it
        (
            '"We will build the plant," a statement issued by Tenby Rail said.',
            "build the plant",
            "a statement",
        ),
    ],
)
def test_what_was_reported_is_no_speaker(sentence: str, words: str, speaker: str) -> None:
    text = f"Rates\n\nThe markets were calm on Monday. {sentence}"
    assert only(text, words).speaker == speaker  # was `Loan figures`, `Tenby accords`


def test_the_subject_of_a_passive_reporting_verb_is_no_speaker() -> None:
    text = (
        "Oil Tax\n\nThe statement listed other measures. Tidier rules on refunds were "
        'announced, with changes to the so-called "ring fence" of the shelf.'
    )
    assert [q.speaker for q in quotes(text)] == []  # a term, no one's words; was `Tidier rules`


def test_as_opening_the_reporting_clause_after_the_quote_names_the_speaker() -> None:
    text = (
        'Caucus Race\n\nStill, the fact that the race "is a dead heat right now," as Tom Hale '
        "said on the radio on Monday, only raises the stakes.\n\nWhile old Tenby political "
        "hands say there is a benefit from the tour, they doubt it."
    )
    assert only(text, "dead heat").speaker == "Tom Hale"  # was `Tenby political hands`


def test_as_in_a_comparison_or_a_reason_opens_no_reporting_clause() -> None:
    text = (
        'Music Sales\n\nTom Hale said he did not feel the slump was as "dramatic" as Mr Ortiz '
        'believed.\n\n"Buyers will not like this price," as it suggests a slump, added Tenby '
        "Bank analyst Ann Moss."
    )
    assert only(text, "dramatic").speaker == "Tom Hale"  # not Ortiz
    assert only(text, "not like this").speaker == "Ann Moss"  # not `it`


def test_a_subject_before_should_is_what_ought_to_be_done_not_who_speaks() -> None:
    text = (
        "Tax Returns\n\nAnn Moss pressed the mayor on Sunday, insisting that Tom Hale should "
        'release them in order to hold the "higher ground" in the race.'
    )
    assert only(text, "higher ground").speaker == "Ann Moss"  # was Tom Hale


def test_a_city_and_its_state_before_based_stay_in_the_description() -> None:
    text = (
        "Phone Rules\n\nTenby Tel backs the plan. But the Stamford, Conn.-based company added "
        'that the rule "would set back the progress made so far."'
    )
    assert only(text, "set back").speaker == "the Stamford, Conn.-based company"


@pytest.mark.parametrize(
    ("described", "speaker"),
    [
        ("The top-selling Gazetta", "Gazetta"),  # a name told apart by a modifier
        ("The 25-year-old Dubliner", "the 25-year-old Dubliner"),  # someone from a place
        ("The director behind Gazetta", "the director behind Gazetta"),  # a person described
    ],
)
def test_a_description_ending_on_a_name_is_that_name(described: str, speaker: str) -> None:
    text = (
        "Aegean Talks\n\nPapers headlined the news on Monday. "
        f'{described} topped its front page with: "Our stand made them see reason."'
    )
    assert only(text, "see reason").speaker == speaker  # was `the top-selling Gazetta`


def test_a_lower_case_wire_names_its_speaker_as_the_article_capitalises_him() -> None:
    text = (
        "BANK STAFF RESIGN\n\nabout 1,000 bank employees quit today, a union leader said. "
        '"none of those who quit will work again in the bank," bank workers leader tomas '
        "ortuzar told reuters. Ortuzar said the bank needed at least 800 staff."
    )
    assert only(text, "none of those").speaker == "Tomas Ortuzar"  # was the lower-case phrase


def test_a_description_reaches_back_over_four_modifiers_to_its_determiner() -> None:
    text = (
        "Front Report\n\nTenby said it had won on the southern front. A brief Iranian news "
        'agency TNA report said "Important victories were won in the south last night."'
    )
    speaker = only(text, "Important victories").speaker
    assert speaker == "a brief Iranian news agency TNA report"  # was `agency TNA report`


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        (
            "Ferry Fees\n\nDirector of the Office of Parks and Gardens Helen Marsh said the city "
            'had no plan to raise fees.\n\n"There will be no new fees this year," she said.',
            "no new fees",
            "Helen Marsh",  # was `Office of Parks`
        ),
        (
            "Cash Machines\n\nA spokesman for the Association of Ferry and Harbour Operators, "
            'which speaks for the trade, said the risk was small. "There is no sign of any '
            'trouble on the crossings," he said.',
            "no sign of any trouble",
            "Association of Ferry and Harbour Operators",  # was `Association of Ferry`
        ),
        (
            'Ferry Sale\n\n"They are the first firm of that size to leave the crossing '
            'altogether," said a member of the Association of Northern Ferry Boat Operators '
            "staff.",
            "first firm of that size",
            "Association of Northern Ferry Boat Operators",  # was `Association of Northern`
        ),
    ],
)
def test_an_organisation_named_x_of_y_and_z_is_not_cut_at_its_and(
    text: str, words: str, speaker: str
) -> None:
    assert only(text, words).speaker == speaker


def test_a_place_s_bank_then_and_is_not_one_name_with_what_follows() -> None:
    text = (
        'Rates\n\n"Nothing has changed," said a spokesman for the Bank of England and '
        "Barclays Chief Executive Anne Holt."
    )
    assert only(text, "Nothing has changed").speaker == "a spokesman for the Bank of England"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Port Prices\n\nTPA Assistant General Secretary Abdul Khalid said today that fees "
            'would rise.\n\n"The harbour cannot be kept open at the old prices," Khalid said.',
            "Abdul Khalid",  # was `Khalid`: the run of capitals was cut after `Abdul`
        ),
        (
            "Port Prices\n\nTenby Harbour Board Vice Chairman Owen Price said fees would rise."
            '\n\n"The harbour cannot be kept open at the old prices," Price said.',
            "Owen Price",
        ),
    ],
)
def test_a_long_run_of_capitals_keeps_the_full_name_after_its_title(
    text: str, speaker: str
) -> None:
    assert only(text, "old prices").speaker == speaker


def test_a_passive_s_agent_after_the_quote_is_its_speaker() -> None:
    text = 'Tax Plans\n\n"There will be no new taxes this year," was said by Jane Doe, the mayor.'
    assert only(text, "no new taxes").speaker == "Jane Doe"  # was null


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "Club Sale\n\nThe club said the horse breeder JP Hollis would not sell. Mr Hollis "
            'bought in 1999.\n\n"We are long-term investors," Mr Hollis said.',
            "JP Hollis",  # was `Hollis`: `JP` read as an acronym, an organisation's
        ),
        (
            'Oil Deal\n\nBP Amoco bought the field. "We are long-term investors," Amoco said.',
            "Amoco",  # no one is called `Mr Amoco`: an acronym before a name stays one
        ),
    ],
)
def test_two_capitals_before_a_titled_surname_are_initials(text: str, speaker: str) -> None:
    assert only(text, "long-term investors").speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            'Port Fees\n\nThe Ferries and Harbours Authority raised its fees. "We cannot keep '
            'the old prices," it said.',
            "Ferries and Harbours Authority",  # was null: `Ferries` alone is no one
        ),
        (
            'Port Fees\n\nThe Cargo and Harbour Workers Union Local 9 rejected the offer. "We '
            'cannot keep the old prices," it said.',
            "Cargo and Harbour Workers Union",  # its `Workers` is its name's, not a role
        ),
        (
            'Port Fees\n\n"We cannot keep the old prices," said Ann Moss and Tenby Harbour '
            "Board chairman Tom Hale.",
            "Ann Moss",  # a first name opens the words before `and`: two people
        ),
    ],
)
def test_a_body_named_a_and_b_is_one_name(text: str, speaker: str) -> None:
    assert only(text, "old prices").speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a place before a body's word: the body described, not the place
        (
            'Harbour Fees\n\n"We cannot keep the old prices," said the Tenby council.',
            "the Tenby council",
        ),
        # a capitalised modifier of people together: the people
        (
            'Harbour Fees\n\n"We cannot keep the old prices," Congressional sources said.',
            "Congressional sources",
        ),
        # the article shows the word as an organisation's: the organisation speaks
        (
            'Harbour Fees\n\nTenby officials met on Monday. "We cannot keep the old prices," '
            "said the Tenby council.",
            "Tenby",
        ),
    ],
)
def test_a_modifier_alone_is_no_one_the_description_speaks(text: str, speaker: str) -> None:
    assert only(text, "old prices").speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a number in figures after the determiner counts the noun: the description is whole
        (
            'Harbour Fees\n\nThe 1.1 mln member union said "we cannot keep the old prices."',
            "the 1.1 mln member union",
        ),
        (
            'Harbour Fees\n\nThe 40,000 member union said "we cannot keep the old prices."',
            "the 40,000 member union",
        ),
        # the union is the object of `of`, and the leadership no person: no one, not a stray
        (
            "Harbour Fees\n\nThe leadership of the 1.1 mln member union urged "
            '"we cannot keep the old prices."',
            None,
        ),
        # the counted members are the agent of `signed by`, not a subject: the letter speaks
        (
            "Harbour Fees\n\nThe letter signed by the 16 panel members said the plan would "
            '"we cannot keep the old prices."',
            "the letter",
        ),
    ],
)
def test_a_number_after_its_determiner_is_kept_in_the_description(
    text: str, speaker: str | None
) -> None:
    assert only(text, "old prices").speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # adjectives before the noun, one of them behind a comma, one hyphenated: all kept
        (
            "Harbour Fees\n\nThe snarky, anti-tax/Smith water-carrying headline reads: "
            '"We cannot keep the old prices."',
            "the snarky, anti-tax/Smith water-carrying headline",
        ),
        # a noun before the comma ends its own phrase: the officials speak
        (
            'Harbour Fees\n\nAfter the vote, party officials said "we cannot keep the old prices."',
            "party officials",
        ),
    ],
)
def test_a_description_keeps_its_adjectives_across_a_comma(text: str, speaker: str) -> None:
    assert only(text, "old prices").speaker == speaker


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # a knight or a royal is called by the first name: the full name the article gave
        (
            "Harbour Fees\n\nThe harbour master Sir Alan Pewsey spoke on Monday.\n\n"
            'Sir Alan said: "We cannot keep the old prices."',
            "old prices",
            "Alan Pewsey",
        ),
        (
            "Harbour Fees\n\nThe country's Crown Prince Tariq Ibn Hamad spoke on Monday.\n\n"
            'Prince Tariq said: "We cannot keep the old prices."',
            "old prices",
            "Tariq Ibn Hamad",
        ),
    ],
)
def test_a_first_name_after_a_knights_or_royals_title_is_the_full_name(
    text: str, words: str, speaker: str
) -> None:
    assert only(text, words).speaker == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # another first name is another person of the family, not the longer name's short form
        (
            "Harbour Fees\n\nThe harbour master Hillary Rodham Pewsey met her husband Bill "
            'Pewsey on Monday.\n\n"We cannot keep the old prices," Bill Pewsey said.',
            "Bill Pewsey",
        ),
        # a title or a shared initial is the same person: the full name
        (
            "Harbour Fees\n\nThe harbour master Hillary Rodham Pewsey spoke on Monday.\n\n"
            '"We cannot keep the old prices," H. Pewsey said.',
            "Hillary Rodham Pewsey",
        ),
    ],
)
def test_a_family_member_is_not_the_longer_name_of_the_family(text: str, speaker: str) -> None:
    assert only(text, "old prices").speaker == speaker


def test_a_run_of_capitals_written_only_after_the_is_no_one_he_points_to() -> None:
    """`said Lee Rainie, director of the Pew Internet and American Life Project. "…," he
    added`: the body after `the` is no person, whatever the first-name list says of Lee."""
    text = (
        "Harbour Fees\n\n"
        '"The fees will rise," said Lee Pellow, director of the Tenby Seafront and Coastal '
        'Life Project. "We cannot keep the old prices at the harbour," he added.'
    )
    assert only(text, "old prices").speaker == "Lee Pellow"


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # a number of a few figures right after a capitalised name word is the name's
        ('"We will not comment," Number 10 said.', "not comment", "Number 10"),
        ('Number 10 said it was "a soap opera" and nothing more.', "soap opera", "Number 10"),
        ('A Harbour 4 spokeswoman would only say: "The ferry will sail."', "ferry", "Harbour 4"),
        ('"The show was a success," said Channel 4 on Monday.', "success", "Channel 4"),
        ('"It was a fine year," said Radio 1.', "fine year", "Radio 1"),
        # ... but not a count, a possessive's title, or a reference with its verse
        ('"We won the cup," said John Smith 3 times.', "won the cup", "John Smith"),
        ('"It is riveting," said Mitchell Zuckoff’s 13 Hours.', "riveting", "Mitchell Zuckoff"),
        (
            "Palin posted a photo. The photo quotes Romans 8:31 – “If God is for us, who can be"
            " against us?”",
            "If God",
            "the photo",
        ),
    ],
)
def test_a_name_ending_in_a_number_keeps_it(text: str, words: str, speaker: str) -> None:
    assert only(text, words).speaker == speaker
