// Compare takes: pick takes without a submit click; click a word to hear it in its own take's player.
import { revealDuration } from "../media-duration.js";
import { bindTranscriptWords } from "../transcript-keys.js";

const form = document.getElementById("pick-takes");
if (form) {
  for (const select of form.querySelectorAll("select")) {
    select.addEventListener("change", () => form.submit());
  }
}

const players = [...document.querySelectorAll(".take-player")];
players.forEach(revealDuration);
for (const transcript of document.querySelectorAll(".transcript[data-player]")) {
  const player = document.getElementById(transcript.dataset.player);
  bindTranscriptWords(transcript, (word) => {
    for (const other of players) if (other !== player) other.pause();
    player.currentTime = Number(word.dataset.start);
    player.play();
  });
}

// One take at a time: starting one player pauses the other.
for (const player of players) {
  player.addEventListener("play", () => {
    for (const other of players) if (other !== player) other.pause();
  });
}
