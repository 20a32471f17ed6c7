// A sitting of several turns (phone interview, mock call, drill set): one Record/Stop panel, turn by turn.
import { mountRecordPanel } from "../record-panel.js";
import { bindMuteToggle, isMuted, speak } from "../voice.js";

const root = document.getElementById("sitting");
const kind = root.dataset.kind;
const steps = [...root.querySelectorAll(".step")];
const panel = document.getElementById("turn-panel");
const startButton = document.getElementById("start");
const nextButton = document.getElementById("next");
const summaryLink = document.getElementById("to-summary");
const hearAgain = document.getElementById("hear-again");
const recordButton = panel.querySelector('[data-role="record"]');
const turnNumber = document.getElementById("turn-number");
const target = document.getElementById("target");
let current = Number(root.dataset.startTurn);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const formatSeconds = (s) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, "0")}`;
const part = (step, role) => step.querySelector(`[data-role="${role}"]`);

// Speech synthesis may never report its end (no voices installed): give up after a generous estimate.
function speakLine(text) {
  const estimateMs = 1500 + text.split(/\s+/).length * 450;
  return Promise.race([speak(text), sleep(estimateMs)]);
}

function reveal(step) {
  part(step, "text").hidden = false;
  part(step, "hidden-note").hidden = true;
}

function showAnswered(step) {
  step.hidden = false;
  reveal(step);
  part(step, "answer").hidden = false;
}

async function begin(index) {
  current = index;
  const step = steps[index];
  step.hidden = false;
  step.classList.add("current");
  turnNumber.textContent = String(index + 1);
  target.textContent = formatSeconds(Number(step.dataset.targetS));
  nextButton.hidden = true;
  panel.querySelector('[data-role="progress"]').hidden = true; // the last turn's upload bar
  panel.querySelector('[data-role="status"]').textContent = "";
  step.scrollIntoView({ block: "nearest" });
  const line = step.dataset.speak;
  if (!line) {
    recordButton.disabled = false;
    return;
  }
  // The mock caller's words appear once spoken; questions and repeat sentences stay hidden until answered.
  if (isMuted()) reveal(step);
  recordButton.disabled = kind === "mock-call";
  await speakLine(line);
  if (kind === "mock-call") reveal(step);
  recordButton.disabled = false;
}

function resultText(answer) {
  const analysis = answer.analysis || {};
  if (kind === "read-aloud" || kind === "listen-repeat") {
    return analysis.read_accuracy == null ? "" : `Accuracy: ${Math.round(analysis.read_accuracy * 100)}%`;
  }
  if (kind === "phone-interview") {
    const overall = (analysis.scores || {}).overall;
    return overall == null ? "" : `Overall: ${overall}/100`;
  }
  return "";
}

function finishTurn(answer) {
  if (answer.status !== "done") return; // the panel shows why; the user can record this turn again
  const step = steps[current];
  step.classList.remove("current");
  part(step, "heard").textContent = (answer.analysis && answer.analysis.transcript) || "(No speech was recognised.)";
  part(step, "result").textContent = resultText(answer);
  showAnswered(step);
  const last = current === steps.length - 1;
  if (last) {
    if (kind === "mock-call") window.location.assign(root.dataset.summaryUrl);
    recordButton.hidden = true;
    summaryLink.hidden = false;
  } else if (kind === "mock-call") {
    begin(current + 1);
  } else {
    nextButton.hidden = false;
  }
}

steps.slice(0, current).forEach(showAnswered);
bindMuteToggle(document.getElementById("mute-voice"));

mountRecordPanel(panel, {
  uploadUrl: root.dataset.uploadUrl,
  formFields: () => ({
    prompt_id: steps[current].dataset.promptKey,
    rehearsal_id: root.dataset.rehearsalId,
    turn_index: String(current),
  }),
  onAnalysed: finishTurn,
});

startButton.addEventListener("click", () => {
  startButton.hidden = true;
  panel.hidden = false;
  begin(current);
});
nextButton.addEventListener("click", () => begin(current + 1));
hearAgain.addEventListener("click", () => speakLine(steps[current].dataset.speak || ""));
