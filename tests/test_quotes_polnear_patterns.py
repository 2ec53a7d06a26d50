"""Attribution patterns of American political news (issue 12), each on a short text of our own.

One case per error pattern found on PolNeAR: two apostrophes as marks, dash
attributions, abbreviated titles, transcripts, headline and adjective words
taken for names, pronouns, roles, partial quotes in a reporting clause, and
nesting. Each asserts the quotation found and who said it.
"""

from __future__ import annotations

from index.analysis import fold_word
from index.models import Article, Quote
from index.quotes import canonicalize_speakers, extract_quotes


def quotes_of(text: str) -> list[Quote]:
    article = Article(id="a.txt", path="a.txt", title="", text=text)
    return [q for q in extract_quotes(article) if q.kind != "scare"]


def the_quote(text: str, words: str) -> Quote:
    """The one quotation holding `words`."""
    found = [q for q in quotes_of(text) if words in q.text]
    assert len(found) == 1, [(q.text, q.speaker) for q in quotes_of(text)]
    return found[0]


def test_two_apostrophes_are_double_marks():
    text = (
        "The senator defended the bill on Tuesday. ''We will pass this before the recess,'' "
        "Senator Maria Lopez said. ''Nobody wants another shutdown.''"
    )
    first = the_quote(text, "pass this")
    assert first.text == "We will pass this before the recess,"
    assert first.speaker == "Maria Lopez"
    second = the_quote(text, "shutdown")
    assert second.text == "Nobody wants another shutdown."
    assert second.speaker == "Maria Lopez"


def test_an_abbreviated_title_does_not_end_the_attribution():
    text = (
        "Senator Bernie Sanders of Vermont spoke in Iowa on Saturday.\n\n"
        "''I don't think anyone would defend that vote today,'' Mr. Sanders said.\n\n"
        '"We need a vote on the floor this week," said Sen. Ted Cruz of Texas.\n\n'
        '"Nobody is above the law here," Lt. Gov. Dan Patrick told reporters.'
    )
    assert the_quote(text, "defend that vote").speaker == "Bernie Sanders"
    assert the_quote(text, "on the floor").speaker == "Ted Cruz"
    assert the_quote(text, "above the law").speaker == "Dan Patrick"


def test_a_role_is_not_mapped_to_a_different_named_person():
    text = (
        "Hillary Clinton spoke at length about trade in Ohio on Monday.\n\n"
        '"We will bring these jobs back home," Mrs. Clinton said.\n\n'
        "Bill Clinton campaigned in Brooklyn the same day. "
        "Senator Bernie Sanders answered the attacks in Vermont.\n\n"
        '"The gentleman running against her is running against the president too," '
        "the former president said."
    )
    assert the_quote(text, "jobs back home").speaker == "Hillary Clinton"
    assert the_quote(text, "gentleman running").speaker == "the former president"


def test_a_role_that_goes_on_speaking_is_the_person_just_quoted():
    text = (
        'Lord Butler said: "The cabinet has been bypassed for years."\n\n'
        'The former cabinet secretary said in an interview: "There is too much central control."'
    )
    assert the_quote(text, "central control").speaker == "Butler"


def test_a_document_that_speaks_keeps_its_description():
    text = (
        "A group of charities wrote to the candidate on Friday.\n\n"
        '"We urge you to reconsider this dangerous proposal at once," the letter says.'
    )
    assert the_quote(text, "dangerous proposal").speaker == "the letter"


def test_adjectives_demonyms_and_places_are_not_speakers():
    text = (
        '"We cannot wait another year for this," said the Florida senator.\n\n'
        '"The party has to come together now," said Democratic pollster Stan Greenberg.\n\n'
        '"Nobody here trusts the polls any more," a Democratic strategist said.'
    )
    assert the_quote(text, "another year").speaker == "the Florida senator"
    assert the_quote(text, "come together").speaker == "Stan Greenberg"
    assert the_quote(text, "trusts the polls").speaker == "a Democratic strategist"
    assert not {q.speaker for q in quotes_of(text)} & {"Florida", "Democratic"}


def test_speaker_names_fold_as_search_terms_do():
    accented = Article(
        id="a.txt",
        path="a.txt",
        title="",
        text=('"Life can only be understood backwards, my friends," said Søren Kierkegaard.'),
    )
    plain = Article(
        id="b.txt",
        path="b.txt",
        title="",
        text=('"But it must be lived forwards, every single day," Soren Kierkegaard said.'),
    )
    quotes = canonicalize_speakers([*extract_quotes(accented), *extract_quotes(plain)])
    assert {q.speaker for q in quotes} == {"Søren Kierkegaard"}
    assert fold_word("Søren") == "soren"


def test_dash_attributions_sign_the_quotation():
    text = (
        "The campaign has not released the transcripts.\n\n"
        '"I went to Wall Street before the crash and told them to stop."\n\n'
        "- Hillary Clinton.\n\n"
        "“We have to be ready to stop him and his friends.” ― Huma Abedin, at a rally"
    )
    wall_street = the_quote(text, "Wall Street")
    assert (wall_street.speaker, wall_street.speaker_mention) == ("Hillary Clinton",) * 2
    assert the_quote(text, "ready to stop him").speaker == "Huma Abedin"


def test_a_party_tag_and_a_role_do_not_hide_the_name():
    text = (
        '"We will win this vote on Thursday," Sen. Chuck Schumer (D-N.Y.) said Tuesday.\n\n'
        '"We should lay off him a little bit," Senate minority leader Harry Reid told reporters.'
    )
    assert the_quote(text, "win this vote").speaker == "Chuck Schumer"
    assert the_quote(text, "lay off him").speaker == "Harry Reid"


def test_the_person_not_the_adjective_office_or_first_name():
    text = (
        "The Scottish National Party's leader, Nicola Sturgeon, welcomed the move. "
        'She said: "The time has come for a ban on smoking in public places."\n\n'
        "On Thursday, David Graham from the agency's Office of Drug Safety told the panel "
        'that "there really does not appear to be a need for these drugs."\n\n'
        "The Shadow Secretary of State for the Family, Theresa May, said: "
        '"These plans were announced long before the election campaign."\n\n'
        '"It would be fantastic to have her in the team next month," said the European '
        "cross-country champion."
    )
    assert the_quote(text, "time has come").speaker == "Nicola Sturgeon"
    assert the_quote(text, "need for these drugs").speaker == "David Graham"
    assert the_quote(text, "plans were announced").speaker == "Theresa May"
    assert the_quote(text, "fantastic").speaker == "the European cross-country champion"


def test_headline_words_are_not_a_speaker():
    text = (
        "Black Lawmakers Rip Donald Trump\n\n"
        "The lawmakers met in Washington on Tuesday.\n\n"
        "“It is fine if they want to speak their own language at home,” said "
        "62-year-old Bill Johnson.\n\n"
        "Minority Outreach Undone By Trump\n\n"
        "“I think the party has lost its way on this,” he said."
    )
    assert the_quote(text, "own language").speaker == "Bill Johnson"
    assert the_quote(text, "lost its way").speaker == "Bill Johnson"


def test_transcript_labels_name_each_speaker():
    text = (
        "Mike Pence and Chris Wallace met on Sunday.\n\n"
        '"WALLACE: Governor, will you release your returns this week?\n\n'
        '"PENCE: We will release them when the audit is over, as every candidate has done."'
    )
    question = the_quote(text, "release your returns")
    assert question.text == "WALLACE: Governor, will you release your returns this week?"
    assert question.speaker == "Chris Wallace"
    assert the_quote(text, "audit is over").speaker == "Mike Pence"


def test_partial_quotes_in_a_reporting_clause_have_its_subject():
    text = (
        "Harry Reid called him a “human leech who sucks the life out of everyone” on Tuesday.\n\n"
        "Ted Cruz and Donald Trump used tough words, with Cruz recently promising to "
        '"carpet bomb them into oblivion."'
    )
    assert the_quote(text, "human leech").speaker == "Harry Reid"
    assert the_quote(text, "carpet bomb").speaker == "Ted Cruz"


def test_a_quote_nested_in_the_same_marks_does_not_end_the_outer_one():
    text = (
        'Mr. Obama said: "When they tell you "we cannot do it" you tell them "yes we can" and '
        'you keep going." The crowd cheered.'
    )
    (q,) = quotes_of(text)
    assert q.text.startswith("When they tell you") and q.text.endswith("keep going.")
    assert q.speaker == "Obama"


def test_pronouns_point_to_the_person_just_introduced():
    reported = (
        "Hillary Clinton spoke first. Senator Elizabeth Warren said the bank rules were not "
        'enough.\n\n"We have to do much more than this for working people," she said.'
    )
    assert the_quote(reported, "working people").speaker == "Elizabeth Warren"
    later = (
        "Maria Lopez, a nurse from Texas, has voted Republican all her life.\n\n"
        "She lost her job in March. Her husband works nights.\n\n"
        '"I just cannot vote for him this time," she says.'
    )
    assert the_quote(later, "vote for him").speaker == "Maria Lopez"


def test_a_reporting_clause_closing_the_sentence_names_a_partial_quote():
    text = (
        "David Wasserman is an analyst at the Cook Political Report. The primary was "
        '"a good night for her" because she would expand her delegate lead, he said.'
    )
    assert the_quote(text, "good night").speaker == "David Wasserman"


def test_a_long_appositive_between_the_quote_and_its_verb():
    text = (
        "“There is no job description, so you go with tradition,” Melanne Verveer, who "
        "served as chief of staff to the first lady during the administration, told CBS News."
    )
    assert the_quote(text, "job description").speaker == "Melanne Verveer"


def test_nouns_that_are_also_verbs_and_quantified_speakers():
    text = (
        "The party announced on Friday that she was not coming.\n\n"
        "“The campaign has told us she will not attend the convention,” the release said.\n\n"
        "“We have to win this one and we will,” one senior Democrat said."
    )
    assert the_quote(text, "not attend").speaker == "the release"
    assert the_quote(text, "win this one").speaker == "one senior Democrat"


def test_someone_around_a_person_is_not_that_person():
    text = (
        "Ted Cruz campaigned in Iowa. Marco Rubio stayed in Florida.\n\n"
        "“You may lose a handful of voters, but not many,” said one Cruz confidant.\n\n"
        "“We are treating the whole month as one long election day,” said Rubio’s deputy "
        "campaign manager, who asked not to be named."
    )
    assert the_quote(text, "handful").speaker == "one Cruz confidant"
    assert the_quote(text, "election day").speaker == "Rubio’s deputy campaign manager"


def test_a_place_after_the_name_is_not_the_speaker():
    text = (
        "Stacy Baker of Columbia, South Carolina says she thinks he can win if he keeps "
        "“doing what he is doing right now.”"
    )
    assert the_quote(text, "doing what he is doing").speaker == "Stacy Baker"


def test_a_document_is_its_own_source_and_a_verb_is_not_part_of_a_name():
    text = (
        "A Change.org petition has gathered many signatures. The petition is accompanied by "
        "a text that says: “This film should never have been released in any country.”"
    )
    assert the_quote(text, "never have been released").speaker == "a text"
    assert not any(" is " in (q.speaker or "") for q in quotes_of(text))


def test_it_is_the_document_just_quoted():
    text = (
        "A coalition of doctors wrote to Congress this week.\n\n"
        '"The delay reflects an appalling indifference to the lives of infants," the letter '
        'reads.\n\n"We urge you to act before the recess begins," it added.'
    )
    assert the_quote(text, "before the recess").speaker == "the letter"


def test_shot_back_reports():
    text = (
        "“Look at all these supporters here,” Sandra Paradis said with a smirk.\n\n"
        "“We are not going anywhere soon,” Jim Bennett shot back with a laugh."
    )
    assert the_quote(text, "anywhere soon").speaker == "Jim Bennett"


def test_he_and_she_follow_the_gender_of_first_names():
    text = (
        "Governor John Kasich toured a factory in Toledo. Melania Trump said the crowd "
        "at the county fair was the largest yet.\n\n"
        '"We will carry this state by ten points in November," he said.\n\n'
        "Glen Kopp said agents want to interview Clinton and her aides.\n\n"
        '"They are within the zone of interest of the inquiry," he said.'
    )
    assert the_quote(text, "carry this state").speaker == "John Kasich"
    # `her aides` near his name is Clinton's: it tells nothing about Kopp
    assert the_quote(text, "zone of interest").speaker == "Glen Kopp"


def test_a_first_name_used_for_both_does_not_override_the_last_speaker():
    text = (
        '"The tax has become a political issue in every district," Rei Tanaka said.\n\n'
        '"Moreover, the public feels uncertain about the whole plan," he said.'
    )
    assert the_quote(text, "feels uncertain").speaker == "Rei Tanaka"
    text += (
        "\n\nPrime Minister Taro Abe called for discipline in the party.\n\n"
        'Tanaka said, "In the worst case, the tax may be put off for a year.\n\n'
        '"A third way is to ram the bills through the upper house," he said.'
    )
    assert the_quote(text, "worst case").speaker == "Rei Tanaka"


def test_a_description_in_commas_is_not_the_speaker_but_the_name_before_it():
    text = (
        "James A. Lewis, a former cybersecurity expert who now studies hackers at the "
        "Center for Strategic Studies, said, ''If she used it abroad, they almost certainly "
        "picked it up.''\n\n"
        "Governor Chris Holt, hoping to surge in New Hampshire, called the mayor a "
        '"petulant child who acts as if he is a king."'
    )
    assert the_quote(text, "certainly picked").speaker == "James A. Lewis"
    assert the_quote(text, "petulant child").speaker == "Chris Holt"


def test_the_reporting_verb_nearest_the_quote_names_the_speaker():
    text = (
        "Dana Whitfield, in a statement released by the campaign on Thursday, said she "
        '"appreciates the professionalism of the state attorney in this case."'
    )
    assert the_quote(text, "professionalism").speaker == "Dana Whitfield"


def test_a_noun_that_is_also_a_reporting_verb_names_no_one():
    text = (
        "Senator Carl Brandt thanked the farmers for their support in Iowa. And he sounded "
        'a rare note of humility, saying, "I am not sure I really deserve it."'
    )
    assert the_quote(text, "really deserve").speaker == "Carl Brandt"


def test_the_second_half_of_a_split_quote_keeps_the_described_speaker():
    text = (
        "Governor Alan Reese spoke about abortion on Sunday.\n\n"
        '"It is a difficult issue," said the Ohio governor, "because it puts two real '
        'rights in conflict with each other."'
    )
    assert the_quote(text, "two real rights").speaker == the_quote(text, "difficult").speaker
    assert the_quote(text, "two real rights").speaker in {"Alan Reese", "the Ohio governor"}


def test_a_quote_inside_a_sentence_without_a_reporting_verb_is_its_subjects():
    text = (
        "Actress Julianne Moore thanked the president for “stepping up and taking action "
        "when Congress won’t.”\n\n"
        "The New York Times characterized the party’s path to the nomination as a “journey "
        "from denial and resistance to grudging acceptance.”\n\n"
        'Snow fell on the town. The road to the lake was closed "until further notice '
        'from the county," and nobody came.'
    )
    assert the_quote(text, "stepping up").speaker == "Julianne Moore"
    assert the_quote(text, "grudging acceptance").speaker == "New York Times"
    assert the_quote(text, "further notice").speaker is None


def test_a_short_said_clause_after_a_quote_closed_on_a_full_stop():
    text = (
        "The candidate spoke in Ohio.\n\n"
        "“Russia, if you are listening, find the thirty thousand emails.” Dana Blake said."
    )
    assert the_quote(text, "thirty thousand").speaker == "Dana Blake"


def test_a_said_clause_after_the_rest_of_the_sentence_names_a_partial_quote():
    text = (
        "The race tightened in March.\n\n"
        '"He can assert it, but it seems extremely unlikely" that Lee can catch up, said '
        "Steve Elmore, a deputy campaign manager for the governor."
    )
    assert the_quote(text, "extremely unlikely").speaker == "Steve Elmore"


def test_a_one_word_quote_with_its_speaker_is_continued_by_the_next():
    text = (
        "Voters in Iowa were asked what mattered most.\n\n"
        '"Safety," said Pat Grimes, a retired nurse. "Safety for the whole country, '
        'for everybody."'
    )
    assert the_quote(text, "whole country").speaker == "Pat Grimes"


def test_a_place_and_a_time_opening_the_sentence_are_not_its_subject():
    text = (
        "Senator Mary Holt campaigned across the state this week.\n\n"
        "At a campaign event in Ames, Iowa, on Sunday, Mrs. Holt tried to explain her "
        "remarks, saying that the country should be ''rallying our partners and allies "
        "around the world.''"
    )
    assert the_quote(text, "rallying our partners").speaker == "Mary Holt"


def test_someone_close_to_a_person_keeps_the_description():
    text = (
        "Hillary Clinton campaigned in Ohio.\n\n"
        "“The drop we are seeing now is directly attributable to the emails,” said a person "
        "close to the Clintons.\n\n"
        "“His knowledge of the new media is about twenty years old,” said a longtime adviser "
        "to Trump."
    )
    assert the_quote(text, "directly attributable").speaker == "a person close to the Clintons"
    assert the_quote(text, "twenty years old").speaker == "a longtime adviser to Trump"


def test_a_quote_opening_a_paragraph_is_the_next_attributed_speakers():
    text = (
        "The crowd in Nashua was small.\n\n"
        '"We have come a long way in the last nine months." The crowd cheered. "And we are '
        'not done yet," Senator Ruth Ames said.'
    )
    assert the_quote(text, "nine months").speaker == "Ruth Ames"
    text = (
        "It snowed on the town all night.\n\n"
        '"Nobody expected a storm like this one in April."\n\n'
        '"We will clear the roads by noon," Mayor Tom Reyes said.'
    )
    assert the_quote(text, "storm like this").speaker == "Tom Reyes"


def test_a_role_then_a_name_in_commas_after_the_quote_is_the_name():
    text = (
        "The storm closed every road.\n\n"
        '"We will clear the roads by noon," the mayor, Tom Reyes, said on Monday.'
    )
    assert the_quote(text, "roads by noon").speaker == "Tom Reyes"


def test_a_place_opening_the_sentence_and_a_surname_of_a_place():
    text = (
        "The convention opened on Monday.\n\n"
        'In California, Gov. Jerry Brown endorsed her, citing her "firm grasp of the '
        'issues and long experience."\n\n'
        "Chairman Butterfield of North Carolina said he was “outraged” to even hear about "
        "it, arguing that “eliminating superdelegates would be discriminatory and wrong.”"
    )
    assert the_quote(text, "firm grasp").speaker == "Jerry Brown"
    assert the_quote(text, "eliminating superdelegates").speaker == "Butterfield"


def test_a_described_name_closing_the_sentence_and_a_possessed_noun():
    text = (
        "Donald Trump spoke in Iowa.\n\n"
        '"Boots on the ground" would be appropriate, Republican candidate Ben Carson said '
        "after the attacks.\n\n"
        "Joe Maloy, a Republican from the Concord area, said that sometimes Trump's "
        'over-the-top comments make him wish they could "put the genie back in the bottle."'
    )
    assert the_quote(text, "Boots on the ground").speaker == "Ben Carson"
    assert the_quote(text, "genie back").speaker == "Joe Maloy"


def test_it_is_the_document_that_reported_just_before():
    text = (
        "LOS ANGELES. The Saudi government released a long report on Monday.\n\n"
        "The paper notes that the state monitors many mosques, and it says the "
        'authorities have blocked sites "with the aim of blocking extremist ideas."'
    )
    assert the_quote(text, "extremist ideas").speaker == "the paper"


def test_he_is_the_sentences_subject_not_someone_in_its_clause():
    clause = (
        "Tom Harlow, the chairman of the county party, said Mark Dunn had hurt the campaign "
        'by attacking the governor. "I don\'t think it helped him at all," he said.'
    )
    assert the_quote(clause, "helped him").speaker == "Tom Harlow"
    reporting = (
        "Paul Reyes ran the mayor's office for ten years. Dunn is a good fundraiser, "
        'Reyes said. "He has the donors and the energy," he said.'
    )
    assert the_quote(reporting, "the donors").speaker == "Paul Reyes"


def test_someone_speaking_for_an_organisation_and_a_party_named_by_its_words():
    text = (
        "The ministry opened an inquiry on Monday.\n\n"
        '"We will look at every case," a spokeswoman for the Home Office said.\n\n'
        '"We are ready for this election," a Lib Dems spokesman said.'
    )
    assert the_quote(text, "every case").speaker == "a spokeswoman for the Home Office"
    assert the_quote(text, "this election").speaker == "Lib Dems"


def test_an_object_of_a_preposition_does_not_speak():
    text = (
        "Glenn Beck, who has in the past described the businessman as "
        '"a pathological narcissistic sociopath and a liar," spoke in Iowa.'
    )
    assert the_quote(text, "narcissistic").speaker == "Glenn Beck"


def test_a_description_of_someone_not_just_quoted_stays_as_written():
    text = (
        "Donald Trump spoke in Iowa on Monday.\n\n"
        '"Should there be a database of every visitor here?" a reporter asked Trump.\n\n'
        '"There should be a lot of systems, beyond databases," the businessman replied.'
    )
    assert the_quote(text, "beyond databases").speaker == "the businessman"
    continued = (
        "Ronnie Corbett spoke to the Radio Times.\n\n"
        '"You get fed up watching shows with not much care," Corbett said. '
        '"It is just laughing at each other all night," said the 74-year-old comedian.'
    )
    assert the_quote(continued, "laughing").speaker == "Ronnie Corbett"


def test_a_title_with_of_a_place_after_a_name_and_a_noun_after_a_number():
    text = (
        "Hillary Clinton spoke in Ohio.\n\n"
        "Former Secretary of State Madeleine Albright urged women to vote for her, saying, "
        '"There is a special place in hell for women who do not help each other."\n\n'
        "Dean Johnson, a 55-year-old salesman from Sumter, South Carolina, says Cruz will "
        '"shake up the whole rotten system in Washington."\n\n'
        "John Kasich says he would rather campaign in Vermont. The two states hold primaries "
        'in March.\n\n"If somebody yelled at me at the polls, I would vote against them," he joked.'
    )
    assert the_quote(text, "special place").speaker == "Madeleine Albright"
    assert the_quote(text, "rotten system").speaker == "Dean Johnson"
    assert the_quote(text, "yelled at me").speaker == "John Kasich"


def test_described_sources_keep_their_words_and_a_sentence_word_is_no_one():
    text = (
        "Coffee producers met in London on Monday.\n\n"
        '"Brazil will want to test the resolve of the consumers," said one U.S. official.\n\n'
        '"The assessment will depend on the skill of the underwriter," the Bank said.\n\n'
        "A surge of activity is expected this week, the spokesman said. "
        '"Farmers have been waiting for changes in the program," he said.\n\n'
        "John Kerry announced the number in Berlin. Just wait for it.\n\n"
        "Wait, it gets better:\n\n"
        '"By law, the president every fiscal year sets the maximum number of refugees."'
    )
    assert the_quote(text, "test the resolve").speaker == "one U.S. official"
    assert the_quote(text, "the underwriter").speaker == "the Bank"
    assert the_quote(text, "been waiting").speaker == "the spokesman"
    assert the_quote(text, "By law").speaker is None  # not `Wait`


def test_someone_speaking_for_a_named_person_and_an_adverb_opening_a_sentence():
    text = (
        "The court ruled on Friday.\n\n"
        "Prime Minister Tony Blair's official spokesman said: "
        '"We will need to study this detailed judgment."\n\n'
        'The rapper\'s spokesman said the claims were "untrue and plainly opportunistic."\n\n'
        'Privately ministers believe this will be "the less painful option for everyone."'
    )
    assert the_quote(text, "detailed judgment").speaker == (
        "Prime Minister Tony Blair's official spokesman"
    )
    assert the_quote(text, "plainly opportunistic").speaker == "the rapper's spokesman"
    assert the_quote(text, "less painful").speaker != "Privately"


def test_a_surname_that_is_also_a_place_is_the_person_the_article_named():
    text = (
        "Rep. Steve Israel of New York met the caucus on Tuesday.\n\n"
        '"When Donald Trump comes, Republicans will have to recruit interns to fill seats," '
        "Israel said."
    )
    assert the_quote(text, "recruit interns").speaker == "Steve Israel"


def test_a_suffix_before_a_comma_and_a_noun_before_an_infinitive():
    text = (
        "Gen. Joseph F. Dunford Jr. testified in March.\n\n"
        "''Twitter works as a way to sell books and to crowdsource terror,'' "
        "James B. Comey Jr., the director of the F.B.I., said at a news conference.\n\n"
        "Sen. Jack Reed said he hadn't gotten a chance to read the plan, but called it "
        '"a starting point for our deliberations."'
    )
    assert the_quote(text, "crowdsource terror").speaker == "James B. Comey Jr."
    assert the_quote(text, "starting point").speaker == "Jack Reed"


def test_a_relative_clause_about_a_common_noun_does_not_name_the_speaker():
    text = (
        "Stuart Stevens, a Republican operative, said the way the campaign treated women who "
        "complained about the president ''would be all but disqualifying in a primary now.''"
    )
    assert the_quote(text, "disqualifying").speaker == "Stuart Stevens"


def test_more_verbs_before_their_speaker_and_frequency_adverbs():
    text = (
        "Marco Rubio answered the attacks in New Hampshire.\n\n"
        "''It's that his ideas do not work for the country,'' he often says.\n\n"
        "''Silly boys acting like they've never seen a girl before,'' scoffed Arianna Gil, "
        "22, who helped found the group."
    )
    assert the_quote(text, "ideas do not work").speaker == "Marco Rubio"
    assert the_quote(text, "Silly boys").speaker == "Arianna Gil"


def test_a_subject_does_not_run_into_its_verb_and_object():
    text = (
        "The magazine has compiled a list of gadgets. The magazine staff compiled the list "
        'and specified that gadgets needed to be a "self-contained apparatus that can be used '
        'on its own."'
    )
    assert the_quote(text, "self-contained").speaker == "the magazine staff"


def test_a_month_abbreviation_does_not_end_the_opening_phrase():
    text = (
        "But in a conference call with reporters on Dec. 2, Col. Steven H. Warren, a military "
        'spokesman in Baghdad, said, "There is no way around that at all for us."'
    )
    assert the_quote(text, "no way around").speaker == "Steven H. Warren"


def test_someone_described_by_where_they_work_is_not_that_place():
    text = (
        "China's imports rose in January.\n\n"
        '"Now they are falling but have not reached the critical level," '
        "the Hong Kong trader said."
    )
    assert the_quote(text, "critical level").speaker == "the Hong Kong trader"


def test_a_participle_opening_before_a_capitalised_word_is_not_a_name():
    text = (
        "Farm credit was the topic.\n\n"
        "Addressing Chicago business and agricultural economists, Duncan outlined three "
        '"basic problems of the farm credit system today."'
    )
    assert the_quote(text, "basic problems").speaker == "Duncan"


def test_a_spelled_out_number_opening_a_sentence_is_no_speaker():
    text = (
        "Senator Maria Lopez spoke in Des Moines on Monday.\n\n"
        "Thirteen years earlier, she had voted for the war from "
        '"the perspective of a senator who has seen the attacks up close."'
    )
    assert the_quote(text, "perspective").speaker == "Maria Lopez"


def test_it_is_the_document_a_sentence_opened_on_before_its_present_verb():
    text = (
        "Senator Ted Cruz sent an email to supporters on Tuesday.\n\n"
        "The email includes a photo of the senator in hunting gear.\n\n"
        "At the bottom it reads, \u201cP.S. You can further support the cause.\u201d"
    )
    assert the_quote(text, "support the cause").speaker == "the email"


def test_an_employer_run_into_a_name_is_left_out_but_an_organisation_stays_whole():
    text = (
        "Carmakers reported sales on Monday.\n\n"
        '"We expect a better second half," General Motors Roger Smith told reporters.\n\n'
        '"Demand will recover slowly," said Credit Suisse Paul Hofer.\n\n'
        "The New York Times described the quarter as “a slow grind.”\n\n"
        '"Oil will rebound," said T. Boone Pickens.'
    )
    assert the_quote(text, "second half").speaker == "Roger Smith"
    assert the_quote(text, "recover slowly").speaker == "Paul Hofer"
    assert the_quote(text, "slow grind").speaker == "New York Times"
    assert the_quote(text, "will rebound").speaker == "T. Boone Pickens"


def test_a_dateline_in_capitals_is_no_speaker():
    text = (
        "LOS ANGELES \u2014 Greenpeace supporters cheered as the rally opened. "
        "Greenpeace had called it a week before.\n\n"
        "\u201cWe are still here,\u201d it read."
    )
    assert the_quote(text, "still here").speaker == "Greenpeace"


def test_she_is_the_woman_just_named_not_a_man_said_before_nor_a_site_named_like_one():
    text = (
        "Mary Jones said the vote was close.\n\n"
        "The count went on all night.\n\n"
        "The count ended at dawn.\n\n"
        "George Smith called the result a surprise, and reporters later met professor "
        "Brigid Harrison at the hall.\n\n"
        '"Nobody could have seen this coming in the spring," she said.'
    )
    assert the_quote(text, "seen this coming").speaker == "Brigid Harrison"
    text = (
        "Political Wire first reported the sermon of Kevin Swanson.\n\n"
        '"You have to take what the book says and apply it," he said.'
    )
    assert the_quote(text, "apply it").speaker == "Kevin Swanson"


def test_three_apostrophes_close_a_single_mark_inside_a_double_one():
    text = (
        "''I would call him 'old-school,''' said Gregory W. Slayton, a former envoy. "
        "''Humility is something I love about him.''\n\n"
        "Mr. Regalado recalled the meeting.\n\n"
        "'''Sir, we have decided to stay,' they told us, and left,'' Mr. Regalado said."
    )
    first = the_quote(text, "old-school")
    assert first.text == "I would call him 'old-school,'"
    assert first.speaker == "Gregory W. Slayton"
    assert the_quote(text, "Humility").speaker == "Gregory W. Slayton"
    assert the_quote(text, "decided to stay").speaker == "Regalado"


def test_speakers_joined_by_and_a_plural_group_a_title_with_of_and_an_owner_before_a_role():
    text = (
        "Paul Ryan met the president on Thursday.\n\n"
        '"We will keep fighting this in every court," Smith and Jones said in a statement.\n\n'
        'Trump and Ryan issued a statement calling the meeting a "very positive step toward '
        'unification" of the party.\n\n'
        '"The harm caused by the conduct is incalculable," federal prosecutors wrote.\n\n'
        '"The deal is dead and everyone in this town knows it," two senior aides said.\n\n'
        '"The first line of defense is the community," said former secretary of state '
        "Hillary Clinton, who praised him.\n\n"
        '"It is called the power of unification," Trump\'s senior communications adviser '
        "Jason Miller said in the statement."
    )
    assert the_quote(text, "every court").speaker == "Smith and Jones"
    assert the_quote(text, "positive step").speaker == "Trump and Paul Ryan"
    assert the_quote(text, "incalculable").speaker == "federal prosecutors"
    assert the_quote(text, "deal is dead").speaker == "two senior aides"
    assert the_quote(text, "line of defense").speaker == "Hillary Clinton"
    assert the_quote(text, "power of unification").speaker == "Jason Miller"


def test_it_is_no_organisation_the_last_paragraphs_do_not_name():
    text = (
        "Greenpeace opened its campaign on Monday. Greenpeace staff handed out leaflets, "
        "and Greenpeace said more would follow.\n\n"
        "The weather turned cold by the evening.\n\n"
        "A few hundred people stayed in the square all night.\n\n"
        "Two streets near the river were closed.\n\n"
        "“Nobody here is going to leave before the vote,” it read."
    )
    assert the_quote(text, "going to leave").speaker is None


def test_they_are_the_people_a_sentence_opened_on():
    text = (
        "The protesters also paid tribute to young men like Clarence Howard, 22.\n\n"
        "As they made their way down Broad Street, they chanted "
        '"stop killing black people now" and "no justice, no peace."'
    )
    assert the_quote(text, "stop killing").speaker == "the protesters"
    assert the_quote(text, "no justice").speaker == "the protesters"


def test_more_reporting_verbs_and_a_host_before_a_name():
    text = (
        'Peter Grant repeated: "I take full responsibility for the memo."\n\n'
        '"What sport is he talking about, and who?" reacted Donald Trump.\n\n'
        '"Imagine him going up against them on one stage," mused Blaze co-host Stu Burguiere.\n\n'
        '"Let me make it very clear, I will do all I can," he asserted to reporters.'
    )
    assert the_quote(text, "full responsibility").speaker == "Peter Grant"
    assert the_quote(text, "What sport").speaker == "Donald Trump"
    assert the_quote(text, "Imagine him").speaker == "Stu Burguiere"
    assert the_quote(text, "very clear").speaker == "Stu Burguiere"


def test_a_surname_that_is_an_organisation_word_and_what_it_stands_for():
    text = (
        'Marty West, an education professor at Harvard, called it "an incredibly significant '
        'development."\n\n'
        '"This is the first rollback of federal involvement since the 1980s," West said.\n\n'
        "The editorial noted her comment that she wanted to visit, but did not buy it.\n\n"
        '"If the president does not come, it is all the same to them," it read.\n\n'
        '"Louisiana is a reliably red state with few electoral votes," the newspaper admitted.\n\n'
        '"But its crisis should not be weighed by electoral math," it added.'
    )
    assert the_quote(text, "first rollback").speaker == "Marty West"
    assert the_quote(text, "all the same").speaker == "the editorial"
    assert the_quote(text, "electoral math").speaker == "the newspaper"


def test_the_statement_said_keeps_its_words_but_the_statement_continued_is_its_issuer():
    text = (
        '"We are ready for Cleveland," Corey Lewandowski said. In a statement, the campaign '
        "announced that Paul Manafort would run the convention.\n\n"
        '"Mr. Manafort will oversee all the activities of the delegates," the statement said.\n\n'
        '"We stand by this film about growing up today," Netflix officials said.\n\n'
        'The statement continued: "Nobody who cares about these issues should miss it."'
    )
    assert the_quote(text, "oversee all").speaker == "the statement"
    assert the_quote(text, "cares about").speaker == "Netflix"


def test_a_description_of_someone_unnamed_just_brought_in_is_not_the_protagonist():
    text = (
        "Ivanka Trump launched a new line on Monday. Ivanka Trump spoke in New York.\n\n"
        '"It is a line for working women," Ms. Trump said.\n\n'
        "A designer who works for another brand watched the launch. "
        '"It is hard enough to come back to work after a baby," said the designer.'
    )
    assert the_quote(text, "working women").speaker == "Ivanka Trump"
    assert the_quote(text, "hard enough").speaker == "the designer"


def test_a_name_before_a_colon_labels_the_quotation():
    text = (
        'Pollsters agree - Carl Bialik: "One of the biggest lessons is that polls miss." [538.]\n\n'
        'More from Blumenthal and Cohen: "The signs were there all along in Iowa, we think."\n\n'
        'The senator told Fox News: "We are not going to back down on this one."'
    )
    assert the_quote(text, "biggest lessons").speaker == "Carl Bialik"
    assert the_quote(text, "signs were there").speaker == "Blumenthal and Cohen"
    assert the_quote(text, "back down").speaker == "the senator"


def test_a_surname_that_is_a_function_word_after_a_quotation():
    text = (
        "George Will, the columnist, wrote about the race.\n\n"
        '"The party must abandon every outsider, Donald Trump in particular," Will wrote.'
    )
    assert the_quote(text, "abandon every outsider").speaker == "George Will"


def test_she_is_the_woman_a_sentence_described_not_a_man_named_before():
    text = (
        "Donald Trump mocked Ted Cruz at the rally, as Ben Jacobs wrote in The Guardian.\n\n"
        "The woman who started it all identified herself to CNN as a resident named Caroline.\n\n"
        '"He truly cares about the American people," she said of Trump.'
    )
    assert the_quote(text, "truly cares").speaker == "the woman"


def test_a_year_inside_a_described_source():
    text = (
        "Jason Dana studied job interviews.\n\n"
        '"Interviewers are likely to feel they learn useful things even from useless '
        'interviews," concluded a 2013 article in the journal Judgment and Decision Making.'
    )
    assert the_quote(text, "Interviewers are likely").speaker == "a 2013 article"


def test_he_is_not_a_place_a_tournament_or_a_spokesman_s_party_word():
    text = (
        "Carlos Moya has chosen not to help Spain defend the Davis Cup.\n\n"
        '"I have taken this difficult decision to concentrate on the circuit," said Moya. '
        "The 1998 French Open champion is determined to make an impact in the major events. "
        '"At the age of 29 I have set some tough goals in my career," he said.\n\n'
        "Jamie Foxx won the award, and Hilary Swank won too.\n\n"
        '"Thank you for Ray Charles for just living so complex," said Foxx, accepting his '
        "award in Los Angeles on Saturday.\n\n"
        'He also praised the director: "Thank you for taking a chance with this film."'
    )
    assert the_quote(text, "tough goals").speaker == "Carlos Moya"
    assert the_quote(text, "taking a chance").speaker == "Jamie Foxx"


def test_she_is_the_person_a_second_clause_opens_on():
    text = (
        "Maria Lopez won the primary in Florida on Tuesday night.\n\n"
        "The Sunshine State will hand out many delegates next month, most of them at once.\n\n"
        "Florida is a swing state in November, and Lopez aimed her speech at her rival. "
        '"We have work to do," she told the crowd.'
    )
    assert the_quote(text, "work to do").speaker == "Maria Lopez"


def test_a_long_opening_phrase_before_a_name_is_skipped_to_the_subject():
    text = (
        '"The towns have been forgotten for years," said Jane Moss, a professor of planning.\n\n'
        "But after spending most of her week on the road with the farmers and the teachers "
        "of the smallest towns, Lopez gave a speech on Sunday that pleased the mayors. "
        '"Our roads and bridges are crumbling," she said.\n\n'
        "Maria Lopez will speak again in Denver on Monday."
    )
    assert the_quote(text, "crumbling").speaker == "Maria Lopez"


def test_a_sentence_opening_on_a_past_participle_phrase_has_its_subject_after():
    text = (
        "Tom Baker ran the campaign in Ohio for a year.\n\n"
        '"We were never told," said the lawyers for the state.\n\n'
        "Reached by phone on Tuesday, Baker - who lives in Ohio - told NBC he is not quitting. "
        'He said, however, that he hopes "someone else takes up the cause" in the courts.'
    )
    assert the_quote(text, "takes up").speaker == "Tom Baker"


def test_it_is_the_campaign_a_sentence_opened_on_after_an_owner():
    text = (
        '"There has to be some form of punishment," Dan Moore said at a town hall in March.\n\n'
        "Moore’s campaign quickly backtracked, putting out a statement against his words. "
        'In cases like these, it said, "the patient is a victim."'
    )
    assert the_quote(text, "is a victim").speaker == "Moore’s campaign"


def test_he_is_a_name_set_beside_a_role_though_its_first_name_is_unknown():
    text = (
        '"We stand with our allies," said Jens Berg, the head of the alliance.\n\n'
        "Yukiya Amano, director general of the agency, said in a statement on Wednesday that "
        "the test broke the rules.\n\n"
        '"I strongly urge them to stop at once," he said.'
    )
    assert the_quote(text, "strongly urge").speaker == "Yukiya Amano"


def test_an_opening_on_of_and_a_name_is_what_the_subject_speaks_about():
    text = (
        "Ben Carson and Eric Levine met donors in New York on Friday.\n\n"
        'Of Carson, Levine, who has given money to another candidate, said, "He is flat-out '
        'scary."'
    )
    assert the_quote(text, "flat-out").speaker == "Eric Levine"


def test_an_opening_on_like_or_unlike_and_a_name_is_set_aside_before_the_subject():
    text = (
        "Tom Baker and Sam Ortiz ran for mayor of the city this year.\n\n"
        "Unlike Ortiz, Baker spent his own money on the race. "
        '"I paid for every ad myself," he said.'
    )
    assert the_quote(text, "every ad").speaker == "Tom Baker"


def test_a_name_with_s_been_is_the_subject_not_an_owner():
    text = (
        "Chris Christie and Marco Rubio met on the debate stage on Saturday.\n\n"
        "Rubio gave the same short speech again.\n\n"
        "Christie's been making the case for weeks that Rubio is not ready. "
        '"You have not been held accountable," he said.'
    )
    assert the_quote(text, "held accountable").speaker == "Chris Christie"


def test_it_goes_on_being_the_document_a_sentence_on_it_carried_forward():
    text = (
        "Jim Kim runs the bank from Washington.\n\n"
        "As for Mr. Kim, the staff letter noted that the surveys were poor.\n\n"
        "It also pointed up a core complaint about his changes.\n\n"
        '"Only one in three understand where we are going," it added.'
    )
    assert the_quote(text, "one in three").speaker == "the staff letter"


def test_an_opening_on_a_preposition_and_a_name_is_not_the_subject():
    text = (
        "Pollster Geoff Garin studied the survey for months.\n\n"
        '"The anxiety is about assets," Mr. Garin said. For Democrats, on the other hand, '
        '"you do not take the growth of new jobs for granted at all."'
    )
    assert the_quote(text, "for granted").speaker == "Geoff Garin"


def test_a_sentence_case_headline_lends_no_word_to_a_name():
    text = (
        "Unflappable Moreno wins a second term.\n\n"
        "Mayor Daniel Moreno thanked volunteers late on Tuesday.\n\n"
        '"We did this together," Moreno said.'
    )
    assert the_quote(text, "together").speaker == "Daniel Moreno"


def test_a_headline_names_a_person_the_story_calls_by_surname():
    text = (
        "Jack Harlan quits the cabinet.\n\n"
        "The minister resigned on Friday after a row over the budget.\n\n"
        '"I cannot defend these cuts," Harlan said.'
    )
    assert the_quote(text, "defend").speaker == "Jack Harlan"


def test_a_titled_subject_of_a_second_clause_before_its_who_is_whom_he_points_to() -> None:
    """`…, but Representative Brooks, who has …, doesn't mince words …. "…," he said`: the
    titled name opening the clause after `but` is the sentence's person, not the economist
    named before."""
    text = (
        "Harbour Votes\n\nMr. Pellow, an economist, studied the harbour votes.\n\n"
        "Some members have been kind to the harbour board, but Representative Garrow, who has "
        "welcomed support from the fishermen, does not mince words about where he stands. "
        '"We cannot keep the old prices at the harbour," he said.'
    )
    assert the_quote(text, "old prices").speaker == "Garrow"
