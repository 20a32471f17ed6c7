"""A served app full of demo data (seed-demo --answers 300) plus sittings stopped at chosen turns."""
from __future__ import annotations

import threading
from dataclasses import dataclass, field

from werkzeug.serving import make_server

from practice import sittings
from practice.audio.words import Word
from practice.content import check_answer
from practice.models import Answer, Application, CustomPrompt, Rehearsal, Tip
from practice.status import AnswerStatus
from tests.factories import make_analysis

MOCK_CALL_SCENARIO = "sales-fiber-upgrade"  # seven turns: turns 2, 4 and 6 have answered turns above them
AGENT_LINES = (
    "Thank you for calling, my name is Maria, how may I help you today?",
    "I understand, I am sorry about that. May I have your full name and account number please?",
    "Thank you. Let me check that for you, may I place you on hold for one minute?",
    "Thank you for waiting. I can see the plan, and I can upgrade it for you today.",
    "Is there anything else I can help you with?",
    "Thank you for calling, have a great day.",
    "You are welcome, goodbye.",
)


@dataclass
class DemoSite:
    """The server's address and the paths of the pages a person would visit."""

    url: str
    paths: dict[str, str] = field(default_factory=dict)
    sittings: dict[str, int] = field(default_factory=dict)  # "mock-call@3" -> rehearsal id stopped before turn 3
    answer_ids: set[int] = field(default_factory=set)


def spoken_words(text: str, start_s: float = 0.5, per_word_s: float = 0.4) -> list[Word]:
    return [Word(word, round(start_s + i * per_word_s, 3), round(start_s + i * per_word_s + 0.3, 3), 0.93)
            for i, word in enumerate(text.split())]


def answered_turn(rehearsal: Rehearsal, step: sittings.Step, spoken: str) -> Answer:
    """A done answer for one turn, analysed by the real scoring code and content check from the words of `spoken`."""
    analysis = make_analysis(spoken_words(spoken), script=step.script, level_dbfs=-21.0, snr_db=24.0)
    analysis = analysis.with_content(check_answer(step.prompt_key, spoken, turn_index=step.index))
    metrics = analysis.headline()
    return Answer(rehearsal=rehearsal, turn_index=step.index, prompt_key=step.prompt_key, prompt_text=step.text,
                  kind=rehearsal.kind, script=step.script, audio_filename=f"sitting-{rehearsal.id}-{step.index}.wav",
                  audio_format="wav", audio_bytes=0, duration_s=analysis.duration_s, status=AnswerStatus.DONE,
                  attempts=1, analysis=analysis.to_dict(), metrics=metrics, overall_score=metrics["overall"])


def misspoken(script: str) -> str:
    """The script with one word misread, one skipped and one added, so the diff shows all three marks."""
    words = script.split()
    words[1] = "wrong"
    del words[3]
    return " ".join(words + ["extra"])


def seed_sitting(db, kind: str, answered: int, scenario_key: str | None = None) -> int:
    """A sitting of `kind` with its first `answered` turns done; returns the rehearsal id."""
    rehearsal = Rehearsal(kind=kind, scenario_key=scenario_key)
    db.session.add(rehearsal)
    db.session.flush()
    for step in sittings.plan(kind, rehearsal.id, scenario_key)[:answered]:
        spoken = AGENT_LINES[step.index % len(AGENT_LINES)] if kind == "mock-call" else (
            misspoken(step.script) if step.script else "I am patient and I like helping customers every day.")
        db.session.add(answered_turn(rehearsal, step, spoken))
    db.session.commit()
    return rehearsal.id


def build_demo_site(instance_dir) -> tuple:
    """(app, DemoSite): 300 demo answers, the notebook, one own question and sittings at every turn."""
    from practice import create_app
    from practice.extensions import db

    app = create_app({"INSTANCE_PATH": str(instance_dir), "JOBS_REQUEUE_AT_START": False})
    result = app.test_cli_runner().invoke(args=["seed-demo", "--answers", "300"])
    assert result.exit_code == 0, result.output
    site = DemoSite(url="")
    with app.app_context():
        for kind, scenario in (("phone-interview", None), ("mock-call", MOCK_CALL_SCENARIO),
                               ("read-aloud", None), ("listen-repeat", None)):
            turns = len(sittings.plan(kind, 1, scenario))
            for answered in range(turns + 1):
                site.sittings[f"{kind}@{answered}"] = seed_sitting(db, kind, answered, scenario)
        custom = CustomPrompt(kind="introduction", text="Why should we hire you over the other applicants?",
                              company="Northwind Contact Center", target_s=60, skills=["confidence"])
        db.session.add(custom)
        db.session.commit()
        first = {kind: db.session.scalar(db.select(Answer.id).where(Answer.kind == kind, Answer.rehearsal_id.is_(None))
                                         .order_by(Answer.id.desc())) for kind in ("introduction", "read-aloud")}
        tip_id = db.session.scalar(db.select(Tip.id).order_by(Tip.id))
        application_id = db.session.scalar(db.select(Application.id).order_by(Application.id))
        custom_id = custom.id
        site.answer_ids = set(db.session.scalars(db.select(Answer.id)))
    done = {kind: site.sittings[f"{kind}@{len(sittings.plan(kind, 1, scenario))}"]
            for kind, scenario in (("phone-interview", None), ("mock-call", MOCK_CALL_SCENARIO),
                                   ("read-aloud", None), ("listen-repeat", None))}
    site.paths = {
        "home": "/",
        "introduction": "/rehearse/introduction",
        "own-question": f"/rehearse/introduction?prompt=custom-{custom_id}",
        "phone-interview-start": "/rehearse/phone-interview",
        "mock-call-scenarios": "/rehearse/mock-call",
        "read-aloud-start": "/rehearse/read-aloud",
        "listen-repeat-start": "/rehearse/listen-repeat",
        "phone-interview-summary": f"/rehearsals/{done['phone-interview']}",
        "mock-call-summary": f"/rehearsals/{done['mock-call']}",
        "read-aloud-summary": f"/rehearsals/{done['read-aloud']}",
        "listen-repeat-summary": f"/rehearsals/{done['listen-repeat']}",
        "answers": "/answers",
        "review": f"/answers/{first['introduction']}",
        "review-read-aloud": f"/answers/{first['read-aloud']}",
        "compare-pick": "/compare",
        "compare": "/compare?prompt=intro-tell-me-about-yourself",
        "tips": "/tips",
        "tip": f"/tips/{tip_id}",
        "tip-edit": f"/tips/{tip_id}/edit",
        "tip-delete": f"/tips/{tip_id}/delete",
        "milestones": "/milestones",
        "application-edit": f"/milestones/applications/{application_id}/edit",
        "application-delete": f"/milestones/applications/{application_id}/delete",
        "progress": "/progress",
        "data": "/data",
        "data-delete-all": "/data/delete-all",
        "data-delete-answer": f"/data/answers/{first['introduction']}/delete",
        "prompts": "/prompts",
        "prompt-edit": f"/prompts/{custom_id}/edit",
        "prompt-delete": f"/prompts/{custom_id}/delete",
        "not-found": "/answers/999999",
    }
    return app, site


def serve(app):
    """(server, thread) on a free loopback port."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, thread
