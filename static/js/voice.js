// The interviewer's voice: speaks prompts with the browser's speech synthesis, unless muted.

const MUTE_KEY = "practice.voiceMuted";

export function isMuted() {
  return localStorage.getItem(MUTE_KEY) === "1";
}

export function setMuted(muted) {
  localStorage.setItem(MUTE_KEY, muted ? "1" : "0");
  if (muted && "speechSynthesis" in window) speechSynthesis.cancel();
}

// Resolves when the line has been spoken (or at once when muted or unsupported).
export function speak(text) {
  if (isMuted() || !("speechSynthesis" in window) || !text) return Promise.resolve();
  speechSynthesis.cancel();
  return new Promise((resolve) => {
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = "en-US";
    utterance.rate = 0.95;
    utterance.addEventListener("end", resolve);
    utterance.addEventListener("error", resolve);
    speechSynthesis.speak(utterance);
  });
}

export function stopSpeaking() {
  if ("speechSynthesis" in window) speechSynthesis.cancel();
}

// Wires a mute checkbox to the stored preference.
export function bindMuteToggle(checkbox) {
  if (!checkbox) return;
  checkbox.checked = isMuted();
  checkbox.addEventListener("change", () => setMuted(checkbox.checked));
}
