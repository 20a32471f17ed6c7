// Rehearse page: speak the prompt, record one answer, then open its review.
import { mountRecordPanel } from "../record-panel.js";
import { bindMuteToggle, speak } from "../voice.js";

const root = document.getElementById("rehearse");
const promptText = document.getElementById("prompt-text").textContent.trim();
const voiceUrl = root.dataset.voiceUrl;

bindMuteToggle(document.getElementById("mute-voice"));
// A read-aloud passage is for the user to read: nothing speaks it.
const spoken = root.dataset.silent !== "yes";
document.getElementById("speak-prompt").addEventListener("click", () => spoken && speak(promptText, voiceUrl));
if (spoken) speak(promptText, voiceUrl);

mountRecordPanel(root, {
  uploadUrl: root.dataset.uploadUrl,
  streamUrl: root.dataset.streamUrl,
  tooQuietDbfs: Number(root.dataset.tooQuietDbfs),
  formFields: () => ({
    prompt_id: root.dataset.promptKey,
    // Recording a sitting's turn again keeps it in its sitting, so the sitting's summary takes the new take.
    ...(root.dataset.rehearsalId ? { rehearsal_id: root.dataset.rehearsalId, turn_index: root.dataset.turnIndex } : {}),
  }),
  onAnalysed: (answer) => {
    const compareUrl = root.dataset.compareUrl;
    const done = answer.status === "done";
    window.location.assign(compareUrl && done ? `${compareUrl}&b=${answer.id}` : answer.review_url);
  },
});
