"""The review page: the timed transcript with its marks, score cards with evidence and a tip, overall explained."""
from practice.audio.words import Word
from practice.extensions import db
from practice.models import Answer
from tests.checks.spoken import timed
from tests.factories import make_analysis

WORDS = [Word("Hello,", 0.2, 0.5, 0.95), Word("um", 0.6, 0.8, 0.6), Word("my", 2.4, 2.6, 0.97),
         Word("name", 8.9, 9.2, 0.42), Word("<i>is</i>", 9.3, 9.5, 0.9)]
MORE_WORDS = timed("Maria and I worked in sales for two years.", 9.6)
PAUSES = [(0.8, 2.35), (2.6, 8.85), (9.2, 9.3)]


def analysis():
    return make_analysis(WORDS + MORE_WORDS, PAUSES, level_dbfs=-20.0, snr_db=25.0, pitch_sd_semitones=2.5)


def review_page(app, client):
    with app.app_context():
        answer = Answer(prompt_key="intro-tell-me-about-yourself", prompt_text="Tell me about yourself.",
                        kind="introduction", audio_filename="a.webm", audio_format="webm", audio_bytes=1,
                        status="done", analysis=analysis().to_dict(), metrics={}, overall_score=50)
        db.session.add(answer)
        db.session.commit()
        answer_id = answer.id
    return client.get(f"/answers/{answer_id}").get_data(as_text=True)


def test_transcript_marks_fillers_pauses_dead_air_and_unclear_words(app, client):
    page = review_page(app, client)
    transcript = page.split('id="transcript"')[1].split("</p>")[0]
    assert transcript.count('class="word') == len(WORDS + MORE_WORDS)  # the review JS still finds every word
    assert 'class="word filler" data-start="0.6"' in transcript
    assert '<span class="pause-marker" data-start="0.8"' in transcript and "pause 1.6 s" in transcript
    assert '<span class="pause-marker dead-air" data-start="2.6"' in transcript and "dead air 6.2 s" in transcript
    assert 'class="word unclear" data-start="8.9"' in transcript and "42% sure" in transcript
    assert "&lt;i&gt;is&lt;/i&gt;" in transcript


def test_score_cards_show_each_score_with_evidence_and_one_tip(app, client):
    page = review_page(app, client)
    for name in ("pace", "pauses", "fillers", "clarity", "volume", "pitch"):
        card = page.split(f'id="score-{name}"')[1].split("</article>")[0]
        assert "/100" in card and "score-evidence" in card
        assert card.count("Try next time:") == 1
    assert f"You spoke at {analysis().rate_wpm:.0f} words per minute" in page


def test_overall_says_how_it_is_made(app, client):
    page = review_page(app, client)
    assert "How the overall score is made" in page
    assert "weighted average of the other scores" in page
    how = page.split("How the overall score is made")[1].split("</table>")[0]
    for title in ("Pace", "Pauses", "Fillers", "Clarity", "Volume", "Pitch variety"):
        assert title in how


def test_review_links_to_compare_takes(app, client):
    assert 'href="/compare?prompt=intro-tell-me-about-yourself"' in review_page(app, client)
