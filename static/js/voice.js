// The interviewer's voice: plays the line the server rendered; the browser's own speech synthesis is
// only the fallback when the server's audio can't be had. Muting stops both.

const MUTE_KEY = "practice.voiceMuted";
const PLAYER_ID = "voice-player";

export function isMuted() {
  return localStorage.getItem(MUTE_KEY) === "1";
}

export function setMuted(muted) {
  localStorage.setItem(MUTE_KEY, muted ? "1" : "0");
  if (muted) stopSpeaking();
}

// A fresh <audio> element for each line (in the page, so its state can be inspected), so a stopped
// line's events never settle the next one.
function freshPlayer() {
  const old = document.getElementById(PLAYER_ID);
  if (old) {
    old.pause();
    old.remove();
  }
  const audio = document.createElement("audio");
  audio.id = PLAYER_ID;
  audio.preload = "auto";
  audio.hidden = true;
  document.body.append(audio);
  return audio;
}

// Resolves "server" once the file has played, "stopped" when muted or replaced midway, "blocked" when the
// browser refused to start it without a click, or "failed" when the file could not be had (a 503 when
// the server has no voice, a network error).
function playServerLine(url) {
  const audio = freshPlayer();
  return new Promise((resolve) => {
    const settle = (how) => {
      if (audio.dataset.state === "loading" || audio.dataset.state === "playing") {
        audio.dataset.state = how;
        resolve(how);
      }
    };
    audio.addEventListener("ended", () => settle("server"));
    audio.addEventListener("pause", () => { if (!audio.ended) settle("stopped"); });
    audio.addEventListener("error", () => settle("failed"));
    audio.dataset.state = "loading";
    audio.src = url;
    audio.play().then(
      () => { if (audio.dataset.state === "loading") audio.dataset.state = "playing"; },
      (error) => settle(error.name === "NotAllowedError" ? "blocked" : "failed"),
    );
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Speech synthesis may never report its end (no voices installed): give up after a generous estimate.
function speakWithBrowser(text) {
  if (!("speechSynthesis" in window) || !text) return Promise.resolve("none");
  speechSynthesis.cancel();
  const spoken = new Promise((resolve) => {
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = "en-US";
    utterance.rate = 0.95;
    utterance.addEventListener("end", () => resolve("browser"));
    utterance.addEventListener("error", () => resolve("none"));
    speechSynthesis.speak(utterance);
  });
  const estimateMs = 1500 + text.split(/\s+/).length * 450;
  return Promise.race([spoken, sleep(estimateMs).then(() => "none")]);
}

// Speaks a line: the server's file at `url` when given, else (or when it fails) the browser's voice.
// Resolves with how it was spoken: "server", "browser", "blocked", "none" or "muted".
export async function speak(text, url) {
  if (isMuted() || !text) return "muted";
  stopSpeaking();
  if (url) {
    const how = await playServerLine(url);
    if (how !== "failed" || isMuted()) return how;
  }
  return speakWithBrowser(text);
}

// Asks the server to render a line ahead of time, so it plays at once when its turn comes.
export function prefetch(url) {
  if (url && !isMuted()) fetch(url).catch(() => {});
}

export function stopSpeaking() {
  const audio = document.getElementById(PLAYER_ID);
  if (audio) audio.pause();
  if ("speechSynthesis" in window) speechSynthesis.cancel();
}

// Wires a mute checkbox to the stored preference.
export function bindMuteToggle(checkbox) {
  if (!checkbox) return;
  checkbox.checked = isMuted();
  checkbox.addEventListener("change", () => setMuted(checkbox.checked));
}
