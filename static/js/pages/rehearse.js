// Rehearse page: speak the prompt, record one answer, then open its review.
import { mountRecordPanel } from "../record-panel.js";
import { bindMuteToggle, speak } from "../voice.js";

const root = document.getElementById("rehearse");
const promptText = document.getElementById("prompt-text").textContent.trim();
const voiceUrl = root.dataset.voiceUrl;

bindMuteToggle(document.getElementById("mute-voice"));
document.getElementById("speak-prompt").addEventListener("click", () => speak(promptText, voiceUrl));
speak(promptText, voiceUrl);

mountRecordPanel(root, {
  uploadUrl: root.dataset.uploadUrl,
  streamUrl: root.dataset.streamUrl,
  formFields: () => ({ prompt_id: root.dataset.promptKey }),
  onAnalysed: (answer) => { window.location.assign(answer.review_url); },
});
