// One Record/Stop panel: microphone, level meter, timer, live cues, streaming or upload, progress. Pages reuse it.
// With an AudioWorklet the answer streams to the server while it is spoken (words ready ~2 s after Stop);
// without one it is recorded as a file and uploaded at Stop.
import { postForm, waitForAnalysis } from "./api.js";
import { LevelMeter } from "./level-meter.js";
import { bindRecordKeys } from "./record-keys.js";
import { mountLiveCues } from "./live-cues.js";
import { PcmRecorder, StreamingUnavailable, streamingSupported } from "./pcm-recorder.js";
import { Recorder, RecorderError, extensionFor, recordingSupportProblem } from "./recorder.js";
import { StreamUploader } from "./stream-uploader.js";
import { stopSpeaking } from "./voice.js";

// A streamed answer is nearly ready at Stop: poll often so the review opens as soon as it is.
const STREAMED_POLL_MS = 200;

const METER_FLOOR_DBFS = -60;

const formatSeconds = (s) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, "0")}`;

// tooQuietDbfs: below this slow-average level the speaker is probably too far from the microphone; the page
// passes the server's own limit (data-too-quiet-dbfs), so the hint and the analysis agree.
export function mountRecordPanel(root, { uploadUrl, streamUrl, tooQuietDbfs, formFields, onAnalysed, onUploaded }) {
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
  let streamer = null; // { pcm, uploader } while an answer is streaming
  let meter = null;
  const liveCues = mountLiveCues(root);
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
    const quiet = slowDbfs < tooQuietDbfs;
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
    recorder = null;
    streamer = null;
    try {
      const stream = (streamUrl && streamingSupported() && await startStreaming()) || await startRecorder();
      meter = new LevelMeter(stream, showLevel);
    } catch (error) {
      if (recorder) recorder.releaseMicrophone();
      if (streamer) streamer.pcm.release();
      recordButton.disabled = false;
      say(error instanceof RecorderError ? error.message : `Recording failed: ${error.message}`, true);
      return;
    }
    liveCues.start(streamer !== null);
    const startedAt = Date.now();
    elapsed.textContent = "0:00";
    timer = setInterval(() => { elapsed.textContent = formatSeconds((Date.now() - startedAt) / 1000); }, 250);
    root.classList.add("is-recording");
    stopButton.disabled = false;
    say("Recording… press Stop when you have finished your answer.");
  });

  // The streaming path, or null when this browser cannot capture PCM (the caller then records a file).
  const startStreaming = async () => {
    const pcm = new PcmRecorder();
    const uploader = new StreamUploader(streamUrl, formFields(), (live) => liveCues.update(live));
    try {
      const [stream] = await Promise.all([pcm.start((samples) => uploader.push(samples)), uploader.open()]);
      streamer = { pcm, uploader };
      root.dataset.recordingMode = "streaming";
      return stream;
    } catch (error) {
      pcm.release();
      if (error instanceof StreamingUnavailable) return null;
      throw error;
    }
  };

  const startRecorder = async () => {
    recorder = new Recorder();
    root.dataset.recordingMode = "upload";
    return recorder.start();
  };

  const finishStreaming = async () => {
    const { pcm, uploader } = streamer;
    streamer = null;
    progress.hidden = false;
    progressBar.style.width = "60%";
    say("Finishing the transcript…");
    try {
      await pcm.stop();
      const created = await uploader.stop();
      if (onUploaded) onUploaded(created);
      const answer = await waitForAnalysis(created.url, (a) => {
        const pendingS = a.live ? a.live.pending_s : 0;
        say(pendingS >= 1 ? `Transcribing: ${Math.ceil(pendingS)} s of audio still being processed…`
          : "Scoring your answer…");
      }, { intervalMs: STREAMED_POLL_MS });
      progressBar.style.width = "100%";
      say(answer.status === "done" ? "Done." : answer.error, answer.status !== "done");
      onAnalysed(answer);
    } catch (error) {
      pcm.release();
      say(error.message, true);
      progress.hidden = true;
    } finally {
      liveCues.stop();
      recordButton.disabled = false;
    }
  };

  stopButton.addEventListener("click", async () => {
    stopButton.disabled = true;
    root.classList.remove("is-recording");
    cleanUp();
    if (streamer) {
      await finishStreaming();
      return;
    }
    liveCues.stop();
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
