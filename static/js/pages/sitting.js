// A sitting of several turns (phone interview, mock call, drill set): one Record/Stop panel, turn by turn.
import { mountRecordPanel } from "../record-panel.js";
import { bindMuteToggle, isMuted, prefetch, speak } from "../voice.js";

const root = document.getElementById("sitting");
// A call from a scenario runs on by itself: the caller speaks, the agent answers, the next turn follows.
const fromScenario = root.dataset.fromScenario === "true";
const steps = [...root.querySelectorAll(".step")];
const panel = document.getElementById("turn-panel");
const startButton = document.getElementById("start");
const nextButton = document.getElementById("next");
const summaryLink = document.getElementById("to-summary");
const hearAgain = document.getElementById("hear-again");
const showText = document.getElementById("show-text");
const recordButton = panel.querySelector('[data-role="record"]');
const turnNumber = document.getElementById("turn-number");
const target = document.getElementById("target");
let current = Number(root.dataset.startTurn);

const formatSeconds = (s) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, "0")}`;
const part = (step, role) => step.querySelector(`[data-role="${role}"]`);
const speakStep = (step) => speak(step.dataset.speak, step.dataset.voiceUrl);

function reveal(step) {
  part(step, "text").hidden = false;
  part(step, "hidden-note").hidden = true;
}

// The turn's text grows when revealed: keep it clear of the controls that stick to the screen's edges.
const keepInView = (step) => step.scrollIntoView({ block: "nearest" });

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
  keepInView(step);
  const line = step.dataset.speak;
  if (!line) {
    recordButton.disabled = false;
    return;
  }
  // The mock caller's words appear once spoken; questions and repeat sentences stay hidden until answered.
  if (isMuted()) {
    reveal(step);
    keepInView(step);
  }
  recordButton.disabled = fromScenario;
  const spoken = speakStep(step);
  if (steps[index + 1]) prefetch(steps[index + 1].dataset.voiceUrl);
  await spoken;
  if (fromScenario) {
    reveal(step);
    keepInView(step);
  }
  recordButton.disabled = false;
}

// The measure shown after each turn comes from the page (the kind's turn_result and its unit).
function resultText(answer) {
  const key = root.dataset.resultKey;
  const value = key ? (answer.metrics || {})[key] : null;
  if (value == null) return "";
  const label = root.dataset.resultLabel;
  return root.dataset.resultPercent === "true" ? `${label}: ${Math.round(value * 100)}%` : `${label}: ${value}/100`;
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
    if (fromScenario) window.location.assign(root.dataset.summaryUrl);
    recordButton.hidden = true;
    summaryLink.hidden = false;
  } else if (fromScenario) {
    begin(current + 1);
  } else {
    nextButton.hidden = false;
  }
}

steps.slice(0, current).forEach(showAnswered);
bindMuteToggle(document.getElementById("mute-voice"));

mountRecordPanel(panel, {
  uploadUrl: root.dataset.uploadUrl,
  streamUrl: root.dataset.streamUrl,
  tooQuietDbfs: Number(root.dataset.tooQuietDbfs),
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
hearAgain.addEventListener("click", () => speakStep(steps[current]));
showText.addEventListener("click", () => reveal(steps[current]));
if (steps[current]) prefetch(steps[current].dataset.voiceUrl);
