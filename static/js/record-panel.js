// One Record/Stop panel: microphone, level meter, timer, upload and progress. Pages reuse it.
import { postForm, waitForAnalysis } from "./api.js";
import { LevelMeter } from "./level-meter.js";
import { bindRecordKeys } from "./record-keys.js";
import { Recorder, RecorderError, extensionFor, recordingSupportProblem } from "./recorder.js";
import { stopSpeaking } from "./voice.js";

// Below this slow-average level the speaker is probably too far from the microphone.
const TOO_QUIET_DBFS = -45;
const METER_FLOOR_DBFS = -60;

const formatSeconds = (s) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, "0")}`;

export function mountRecordPanel(root, { uploadUrl, formFields, onAnalysed, onUploaded }) {
  const $ = (role) => root.querySelector(`[data-role="${role}"]`);
  const recordButton = $("record");
  const stopButton = $("stop");
  const meterBar = $("meter-bar");
  const levelHint = $("level-hint");
  const elapsed = $("elapsed");
  const status = $("status");
  const progress = $("progress");
  const progressBar = $("progress-bar");
  let recorder = null;
  let meter = null;
  let timer = null;
  let quietSince = null;
  bindRecordKeys(root);

  const say = (text, isError = false) => {
    status.textContent = text;
    status.classList.toggle("error", isError);
  };

  const problem = recordingSupportProblem();
  if (problem) {
    say(problem, true);
    recordButton.disabled = true;
    return;
  }

  const showLevel = ({ slowDbfs }) => {
    const share = Math.max(0, Math.min(1, (slowDbfs - METER_FLOOR_DBFS) / -METER_FLOOR_DBFS));
    meterBar.style.width = `${Math.round(share * 100)}%`;
    const quiet = slowDbfs < TOO_QUIET_DBFS;
    quietSince = quiet ? quietSince ?? Date.now() : null;
    levelHint.hidden = !(quietSince && Date.now() - quietSince > 1500);
  };

  const cleanUp = () => {
    clearInterval(timer);
    if (meter) meter.stop();
    meter = null;
    meterBar.style.width = "0%";
    levelHint.hidden = true;
  };

  recordButton.addEventListener("click", async () => {
    stopSpeaking();
    recordButton.disabled = true;
    say("Starting the microphone…");
    recorder = new Recorder();
    try {
      const stream = await recorder.start();
      meter = new LevelMeter(stream, showLevel);
    } catch (error) {
      recorder.releaseMicrophone();
      recordButton.disabled = false;
      say(error instanceof RecorderError ? error.message : `Recording failed: ${error.message}`, true);
      return;
    }
    const startedAt = Date.now();
    elapsed.textContent = "0:00";
    timer = setInterval(() => { elapsed.textContent = formatSeconds((Date.now() - startedAt) / 1000); }, 250);
    root.classList.add("is-recording");
    stopButton.disabled = false;
    say("Recording… press Stop when you have finished your answer.");
  });

  stopButton.addEventListener("click", async () => {
    stopButton.disabled = true;
    root.classList.remove("is-recording");
    cleanUp();
    const blob = await recorder.stop();
    const form = new FormData();
    form.append("audio", blob, `answer.${extensionFor(blob.type)}`);
    for (const [name, value] of Object.entries(formFields())) form.append(name, value);
    progress.hidden = false;
    progressBar.style.width = "15%";
    say("Uploading your answer…");
    try {
      const created = await postForm(uploadUrl, form);
      if (onUploaded) onUploaded(created);
      const answer = await waitForAnalysis(created.url, (a) => {
        progressBar.style.width = a.status === "running" ? "60%" : "35%";
        say(a.status === "running" ? "Transcribing and scoring your answer…" : "Waiting for the analysis to start…");
      });
      progressBar.style.width = "100%";
      say(answer.status === "done" ? "Done." : answer.error, answer.status !== "done");
      onAnalysed(answer);
    } catch (error) {
      say(error.message, true);
      progress.hidden = true;
    } finally {
      recordButton.disabled = false;
    }
  });
}
