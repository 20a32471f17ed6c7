"""Review partials: score cards with evidence and a tip, overall explained, transcript marks."""
from practice.audio.scoring import Measures, describe_overall, score_all, SCORE_WEIGHTS
from practice.extensions import db
from practice.models import Answer
from practice.web.review.transcript import PauseItem, transcript_items

WORDS = [
    {"text": "Hello,", "start_s": 0.2, "end_s": 0.5, "probability": 0.95, "filler": False},
    {"text": "um", "start_s": 0.6, "end_s": 0.8, "probability": 0.6, "filler": True},
    {"text": "my", "start_s": 2.4, "end_s": 2.6, "probability": 0.97, "filler": False},
    {"text": "name", "start_s": 8.9, "end_s": 9.2, "probability": 0.42, "filler": False},
    {"text": "<i>is</i>", "start_s": 9.3, "end_s": 9.5, "probability": 0.9, "filler": False},
]
PAUSES = [
    {"start_s": 0.8, "end_s": 2.35, "duration_s": 1.55, "dead_air": False},
    {"start_s": 2.6, "end_s": 8.85, "duration_s": 6.25, "dead_air": True},
    {"start_s": 9.2, "end_s": 9.3, "duration_s": 0.3, "dead_air": False},
]


def analysis():
    details = score_all(Measures(rate_wpm=180, longest_pause_s=6.25, pause_share=0.5, dead_air_count=1,
                                 fillers_per_min=6.0, filler_count=1, mean_probability=0.8, level_dbfs=-20,
                                 snr_db=25, pitch_sd_semitones=2.5))
    return {"words": WORDS, "pauses": PAUSES, "duration_s": 10.0, "rate_wpm": 180, "longest_pause_s": 6.25,
            "clarity": {"mean_probability": 0.8, "unclear_words": [
                {"text": "name", "start_s": 8.9, "end_s": 9.2, "probability": 0.42}]},
            "scores": {k: d.score for k, d in details.items()},
            "score_details": {k: d.to_dict() for k, d in details.items()},
            "score_weights": dict(SCORE_WEIGHTS), "overall_description": describe_overall()}


def review_page(app, client):
    with app.app_context():
        answer = Answer(prompt_key="intro-tell-me-about-yourself", prompt_text="Tell me about yourself.",
                        kind="introduction", audio_filename="a.webm", audio_format="webm", audio_bytes=1,
                        status="done", analysis=analysis(), metrics={}, overall_score=50)
        db.session.add(answer)
        db.session.commit()
        answer_id = answer.id
    return client.get(f"/answers/{answer_id}").get_data(as_text=True)


def test_pause_markers_fall_between_the_words_around_each_long_pause():
    items = transcript_items({"words": WORDS, "pauses": PAUSES})
    labels = [f"pause {i.duration_s}" if isinstance(i, PauseItem) else i.text for i in items]
    assert labels == ["Hello,", "um", "pause 1.55", "my", "pause 6.25", "name", "<i>is</i>"]


def test_short_pauses_get_no_marker_and_no_words_means_no_items():
    assert not any(isinstance(i, PauseItem) for i in transcript_items({"words": WORDS[:2], "pauses": PAUSES[2:]}))
    assert transcript_items({"words": [], "pauses": PAUSES}) == []


def test_transcript_marks_fillers_pauses_dead_air_and_unclear_words(app, client):
    page = review_page(app, client)
    transcript = page.split('id="transcript"')[1].split("</p>")[0]
    assert transcript.count('class="word') == 5  # the review JS still finds every word
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
    assert "You spoke at 180 words per minute" in page


def test_overall_says_how_it_is_made(app, client):
    page = review_page(app, client)
    assert "How the overall score is made" in page
    assert "weighted average of the other scores" in page
    how = page.split("How the overall score is made")[1].split("</table>")[0]
    for title in ("Pace", "Pauses", "Fillers", "Clarity", "Volume", "Pitch variety"):
        assert title in how


def test_review_links_to_compare_takes(app, client):
    assert 'href="/compare?prompt=intro-tell-me-about-yourself"' in review_page(app, client)
