// Review page: click a word to seek, highlight the word being played, wait for a running analysis.
import { waitForAnalysis } from "../api.js";
import { revealDuration } from "../media-duration.js";
import { bindTranscriptWords } from "../transcript-keys.js";

const review = document.getElementById("review");
const player = document.getElementById("player");
const words = [...document.querySelectorAll("#transcript .word")];
revealDuration(player);

const transcript = document.getElementById("transcript");
if (transcript) {
  bindTranscriptWords(transcript, (word) => {
    player.currentTime = Number(word.dataset.start);
    player.play();
  });
}

let current = null;
player.addEventListener("timeupdate", () => {
  const t = player.currentTime;
  const playing = words.find((w) => t >= Number(w.dataset.start) && t < Number(w.dataset.end));
  if (playing === current) return;
  if (current) current.classList.remove("current");
  if (playing) playing.classList.add("current");
  current = playing;
});

if (review.dataset.status === "queued" || review.dataset.status === "running") {
  waitForAnalysis(review.dataset.pollUrl, () => {}).then(() => window.location.reload());
}
