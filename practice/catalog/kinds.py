"""The fixed vocabulary of the catalogue: milestones, rehearsal kinds, skills, call lines."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Milestone:
    """One stage of a call-center hiring process, in the order applicants meet them."""

    key: str
    title: str
    order: int


@dataclass(frozen=True)
class Kind:
    """A kind of rehearsal: what the user practises and which milestone it prepares for."""

    key: str
    title: str
    description: str
    milestone: str
    min_target_s: int
    max_target_s: int
    sitting: bool = False  # answered as a sitting of several turns (practice.sittings), not one question
    drill: bool = False  # an exam drill: the answer is scored against a script
    turn_noun: str = "Question"  # what one step of a sitting of this kind is called
    # The headline measure shown after each turn of a sitting (a key of practice.measures.HEADLINE), and its label.
    turn_result: str | None = None
    turn_result_label: str = ""
    # Played from a call scenario: the caller's turns follow one another, and the whole call gets a QA checklist.
    from_scenario: bool = False
    # Rehearsed as a phone call: the voice goes through a telephone band, and a sitting is "the call".
    on_the_phone: bool = False
    # The user may add questions of their own of this kind: single questions, with no scripted turns or texts.
    takes_own_questions: bool = False
    # The prompt is spoken by the voice; a read-aloud passage is read from the page instead.
    spoken: bool = True
    # What a sitting of this kind will be like, on its start page; {count} is its number of steps.
    sitting_intro: str = ""

    @property
    def milestone_title(self) -> str:
        return MILESTONES[self.milestone].title


# The stage list of the seed's tips notebook, in hiring order.
_MILESTONE_TITLES = (
    ("online-application", "Online application"),
    ("phone-interview", "Phone interview"),
    ("in-person-interview", "In-person interview"),
    ("exam", "English exam"),
    ("mock-call", "Mock call"),
    ("sales-test", "Sales test"),
    ("customer-service-test", "Customer service test"),
    ("tech-support-test", "Tech support test"),
    ("final-interview", "Final interview"),
    ("job-offer", "Job offer"),
)
MILESTONES: dict[str, Milestone] = {
    key: Milestone(key, title, order) for order, (key, title) in enumerate(_MILESTONE_TITLES)
}

# A prompt names one of these; the three line tests are reached through a scenario's line.
PROMPT_MILESTONES = ("online-application", "phone-interview", "in-person-interview", "exam",
                     "mock-call", "final-interview", "job-offer")

KINDS: dict[str, Kind] = {k.key: k for k in (
    Kind("introduction", "Introduce yourself",
         "Tell me about yourself, then the common in-person questions. Aim for 60 to 90 seconds.",
         "in-person-interview", 60, 90, takes_own_questions=True),
    Kind("phone-interview", "Phone interview",
         "Short screening questions a recruiter asks on the phone, answered clearly and kindly.",
         "phone-interview", 20, 90, sitting=True, turn_result="overall", turn_result_label="Overall",
         on_the_phone=True, takes_own_questions=True,
         sitting_intro="A recruiter calls you. You will hear {count} questions, one at a time, the way a screening "
                       "call goes. The question is only spoken: its text appears after you have answered. At the end "
                       "you get a call summary."),
    Kind("mock-call", "Mock call",
         "Take a whole call as the agent: customer service, sales or tech support.",
         "mock-call", 60, 600, sitting=True, turn_noun="Turn", from_scenario=True, on_the_phone=True),
    Kind("read-aloud", "Read aloud",
         "Read a short business passage aloud, the way the English exam asks.",
         "exam", 10, 60, sitting=True, drill=True, turn_noun="Passage", turn_result="read_accuracy",
         turn_result_label="Accuracy", spoken=False,
         sitting_intro="You will see {count} short passages, one at a time. Read each one aloud, clearly and at a "
                       "steady pace. Misread, skipped and added words are marked afterwards, and the set gets one "
                       "drill score."),
    Kind("listen-repeat", "Listen and repeat",
         "Hear a sentence once, then say it back word for word.",
         "exam", 3, 15, sitting=True, drill=True, turn_noun="Sentence", turn_result="read_accuracy",
         turn_result_label="Accuracy",
         sitting_intro="You will hear {count} sentences, one at a time, without seeing them. Say each one back word "
                       "for word. The sentence is shown after you answer, and the set gets one drill score."),
)}

# Kinds played from a call scenario, for code that holds a kind's key (an answer's, a rehearsal's).
SCENARIO_KINDS = frozenset(k.key for k in KINDS.values() if k.from_scenario)

SKILLS = ("pace", "clarity", "fillers", "volume", "pauses", "confidence", "grammar", "content",
          "call-flow")

# A scenario's line of business, and the milestone test that line rehearses.
LINES: dict[str, str] = {
    "customer-service": "customer-service-test",
    "sales": "sales-test",
    "tech-support": "tech-support-test",
}
LINE_TITLES = {"customer-service": "Customer service", "sales": "Sales", "tech-support": "Tech support"}

MOODS = ("calm", "upset")

# Word-count bands for drill scripts: exam passages run 30-80 words, repeat sentences 8-20.
SCRIPT_WORDS = {"read-aloud": (30, 80), "listen-repeat": (8, 20)}
