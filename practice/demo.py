"""Demo data: months of realistic, improving answers plus a notebook, so a new user sees full pages."""
from __future__ import annotations

import os
import random
import re
import uuid
import wave
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import click
import flask_migrate
from flask.cli import with_appcontext

from practice.analysis import Analysis
from practice.audio.report import Signal, assemble_analysis
from practice.audio.words import Word
from practice.content import check_answer
from practice.models import Answer, Application, Interview, Tip, utc_now
from practice.status import AnswerStatus

DEMO_AUDIO_NAME = "demo-silence.wav"
DEMO_AUDIO_RATE_HZ = 8000
DEMO_AUDIO_S = 0.5
DEMO_DAYS = 120


@dataclass(frozen=True)
class DemoPrompt:
    key: str
    kind: str
    text: str
    script: str | None = None


# Fixed demo prompts (stable keys), so several takes share a prompt and Compare has pairs.
DEMO_PROMPTS = (
    DemoPrompt("intro-tell-me-about-yourself", "introduction", "Tell me about yourself."),
    DemoPrompt("intro-why-call-center", "introduction", "Why do you want to work in a call center?"),
    DemoPrompt("phone-availability", "phone-interview", "Are you available to work night shifts?"),
    DemoPrompt("phone-salary", "phone-interview", "What are your salary expectations?"),
    DemoPrompt("demo-call-billing", "mock-call", "Customer service call: a double charge on a bill"),
    DemoPrompt("demo-read-refunds", "read-aloud", "Read the passage aloud.",
               "Refunds are processed within five business days after we receive the returned item."),
)
ANSWER_SPEECH = ("Good morning, my name is Maria and I am from Quezon City. I studied business administration and I "
                 "worked for two years in a retail store, where I helped customers every day. I am patient, I listen "
                 "carefully, and I like solving problems. I want to join your team because I want to grow my career "
                 "and use my English every day.")
ANSWER_TEXT = ANSWER_SPEECH.split()
FILLERS = ("um", "uh", "er")

DEMO_APPLICATIONS = (
    ("Northwind Contact Center", "final-interview", "waiting", ["Smile while you talk, the caller can hear it."]),
    ("Blue Harbor BPO", "mock-call", "not-passed", ["You went quiet while looking up the account; say what "
                                                     "you are doing.", "Confirm the caller's name at the start."]),
    ("Sunrise Teleservices", "exam", "not-passed", ["Slow down when you read numbers."]),
    ("Pacific Voice Solutions", "phone-interview", "not-passed", ["Too many \"um\" at the start of answers."]),
    ("Metro Support Hub", "job-offer", "hired", ["Great energy, keep the same pace."]),
    ("Island Care Services", "mock-call", "not-passed", ["Use the caller's name and close the call properly."]),
    ("Clearline Outsourcing", "in-person-interview", "withdrew", ["Speak up a little, you were hard to hear."]),
)
TIP_SKILLS = {"Smile": ["confidence"], "quiet": ["pauses", "call-flow"], "name": ["call-flow"],
              "numbers": ["pace", "clarity"], "um": ["fillers"], "energy": ["pace", "confidence"],
              "Speak up": ["volume"]}


def demo_audio_file(recordings_dir: Path) -> Path:
    """One short silent WAV that every demo answer links to, so the audio route always has a file."""
    path = recordings_dir / DEMO_AUDIO_NAME
    if not path.exists():
        with wave.open(str(path), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(DEMO_AUDIO_RATE_HZ)
            out.writeframes(b"\0\0" * int(DEMO_AUDIO_RATE_HZ * DEMO_AUDIO_S))
    return path


def link_audio(shared: Path, target: Path) -> None:
    """A hard link costs no space; copy where links are not allowed."""
    try:
        os.link(shared, target)
    except OSError:
        target.write_bytes(shared.read_bytes())


def fake_analysis(rng: random.Random, prompt: DemoPrompt, skill: float) -> Analysis:
    """An analysis made by the real scoring code from invented words and sound; skill 0..1 improves every number."""
    rate_wpm = rng.gauss(175 - 35 * skill, 10)
    fillers_per_min = max(0.0, rng.gauss(11 - 8 * skill, 1.5))
    longest_pause_s = max(0.3, rng.gauss(5.5 - 3.5 * skill, 0.8))
    pauses_per_min = max(1.0, rng.gauss(14 - 6 * skill, 2))
    mean_probability = min(0.99, max(0.5, rng.gauss(0.72 + 0.2 * skill, 0.03)))
    text = misread(rng, prompt.script.split(), 0.2 - 0.15 * skill) if prompt.script else ANSWER_TEXT
    words, pauses = fake_words(rng, text, rate_wpm, fillers_per_min, longest_pause_s, pauses_per_min,
                               mean_probability)
    signal = Signal.described(
        duration_s=words[-1].end_s + 0.6, sound_span=(words[0].start_s, words[-1].end_s), pauses=pauses,
        level_dbfs=rng.gauss(-31 + 8 * skill, 2), snr_db=rng.gauss(16 + 8 * skill, 2),
        pitch_sd_semitones=max(0.5, rng.gauss(1.5 + 1.5 * skill, 0.3)))
    measured = assemble_analysis(signal, words, script=prompt.script, timing={"engine": "demo", "model": "none"})
    return Analysis.of(measured)


def fake_words(rng: random.Random, text: list[str], rate_wpm: float, fillers_per_min: float, longest_pause_s: float,
               pauses_per_min: float, mean_probability: float) -> tuple[list[Word], list[tuple[float, float]]]:
    """Timed words at the given pace, with fillers and short pauses sprinkled in and one long pause in the middle."""
    words, pauses, t_s = [], [], 0.4
    seconds_per_word = 60.0 / max(rate_wpm, 60.0)
    filler_chance = fillers_per_min / max(rate_wpm, 60.0)
    pause_chance = pauses_per_min / max(rate_wpm, 60.0)
    long_pause_at = len(text) // 2
    for i, said in enumerate(text):
        if rng.random() < filler_chance:
            words.append(_word(rng.choice(FILLERS), t_s, 0.3, rng.uniform(0.5, 0.9)))
            t_s += 0.45
        if i == long_pause_at or (i and rng.random() < pause_chance):
            length_s = longest_pause_s if i == long_pause_at else rng.uniform(0.3, min(1.2, longest_pause_s))
            pauses.append((t_s, t_s + length_s))
            t_s += length_s
        probability = min(0.999, max(0.3, rng.gauss(mean_probability, 0.08)))
        words.append(_word(said, t_s, seconds_per_word * 0.85, probability))
        t_s += seconds_per_word
    return words, pauses


def misread(rng: random.Random, script: list[str], share: float) -> list[str]:
    """A read-aloud script as said, with a share of its words said wrong."""
    return ["the" if rng.random() < share else word for word in script]


def _word(text: str, start_s: float, length_s: float, probability: float) -> Word:
    return Word(text, round(start_s, 3), round(start_s + length_s, 3), round(probability, 4))


def demo_answers(count: int, recordings_dir: Path, seed: int = 7, now: datetime | None = None) -> list[Answer]:
    """`count` done answers spread over the last DEMO_DAYS days, oldest first, getting better."""
    rng = random.Random(seed)
    now = now or utc_now()
    shared = demo_audio_file(recordings_dir)
    contents = {}  # every demo answer says ANSWER_SPEECH, so each question's real content check runs once
    answers = []
    for i in range(count):
        progress = i / max(count - 1, 1)
        created_at = now - timedelta(days=DEMO_DAYS * (1 - progress), minutes=rng.randint(0, 600))
        prompt = rng.choice(DEMO_PROMPTS)
        analysis = fake_analysis(rng, prompt, min(1.0, max(0.0, progress + rng.gauss(0, 0.08))))
        if prompt.key not in contents:
            contents[prompt.key] = check_answer(prompt.key, ANSWER_SPEECH)  # None for questions without a guide
        analysis = analysis.with_content(contents[prompt.key])
        metrics = analysis.headline()
        if prompt.kind == "mock-call":  # a call's QA result reaches every turn's metrics (see checks.apply)
            metrics["qa_percent"] = round(min(100.0, max(0.0, rng.gauss(45 + 45 * progress, 8))))
        filename = f"demo-{uuid.uuid4().hex}.wav"
        link_audio(shared, recordings_dir / filename)
        answers.append(Answer(
            prompt_key=prompt.key, prompt_text=prompt.text, kind=prompt.kind, script=prompt.script,
            audio_filename=filename, audio_format="wav", audio_bytes=shared.stat().st_size,
            duration_s=analysis.duration_s, status=AnswerStatus.DONE, attempts=1, analysis=analysis.to_dict(),
            metrics=metrics, overall_score=metrics["overall"], created_at=created_at, finished_at=created_at))
    return answers


def demo_applications(today: date | None = None) -> list[Application]:
    """A handful of applications at different stages, each with the interviewer's tips."""
    today = today or utc_now().date()
    applications = []
    for i, (company, milestone, outcome, tip_texts) in enumerate(DEMO_APPLICATIONS):
        held_on = today - timedelta(days=DEMO_DAYS - 15 * i)
        logged_at = datetime.combine(held_on, datetime.min.time()) + timedelta(hours=18)
        tips = [Tip(text=text, skills=_skills_of(text), worked_on=(i % 2 == 0), created_at=logged_at)
                for text in tip_texts]
        interview = Interview(held_on=held_on, milestone=milestone, outcome=outcome, tips=tips, created_at=logged_at)
        applications.append(Application(company=company, furthest_milestone=milestone, outcome=outcome,
                                        interviews=[interview], created_at=logged_at, updated_at=logged_at))
    return applications


def _skills_of(text: str) -> list[str]:
    return sorted({skill for needle, skills in TIP_SKILLS.items()
                   if re.search(rf"\b{re.escape(needle)}\b", text) for skill in skills})


@click.command("seed-demo")
@click.option("--answers", "answer_count", default=300, show_default=True, type=click.IntRange(0, 100_000),
              help="How many demo answers to create.")
@click.option("--seed", default=7, show_default=True, help="Random seed, so the same data comes back.")
@click.option("--append", is_flag=True, help="Add to a database that already has answers.")
@with_appcontext
def seed_demo_command(answer_count: int, seed: int, append: bool) -> None:
    """Fill a fresh database with demo answers, applications and tips."""
    from practice import storage
    from practice.extensions import db

    if not db.inspect(db.engine).has_table("answer"):
        flask_migrate.upgrade()  # the schema `flask db upgrade` makes, so scripts/run works on it afterwards
    if not append and db.session.scalar(db.select(db.func.count(Answer.id))):
        raise click.ClickException("This database already has answers; pass --append to add demo data anyway.")
    db.session.add_all(demo_answers(answer_count, storage.recordings_dir(), seed=seed))
    if not db.session.scalar(db.select(db.func.count(Application.id))):
        db.session.add_all(demo_applications())
    db.session.commit()
    click.echo(f"Added {answer_count} demo answers, with applications and tips.")
