// Live cues while recording: pace and filler count as each segment is transcribed, and how much audio
// the server still has to process. The user can hide them; the choice is remembered.
const HIDDEN_KEY = "practice.liveCuesHidden";
// Show the backlog only when the machine has clearly fallen behind.
const SHOW_BACKLOG_S = 3;

export function mountLiveCues(root) {
  let box = root.querySelector('[data-role="live-cues"]');
  if (!box) {
    box = document.createElement("div");
    box.className = "live-cues";
    box.dataset.role = "live-cues";
    box.hidden = true;
    box.innerHTML = '<p class="live-text" data-role="live-text" aria-live="off"></p>'
      + '<button type="button" class="link-button" data-role="live-toggle"></button>';
    const timer = root.querySelector(".timer");
    (timer || root).insertAdjacentElement(timer ? "afterend" : "beforeend", box);
  }
  const text = box.querySelector('[data-role="live-text"]');
  const toggle = box.querySelector('[data-role="live-toggle"]');
  let hidden = window.localStorage.getItem(HIDDEN_KEY) === "yes";

  const render = () => {
    text.hidden = hidden;
    toggle.textContent = hidden ? "Show live cues" : "Hide live cues";
    toggle.setAttribute("aria-pressed", String(hidden));
  };
  toggle.addEventListener("click", () => {
    hidden = !hidden;
    window.localStorage.setItem(HIDDEN_KEY, hidden ? "yes" : "no");
    render();
  });
  render();

  return {
    start(streaming) {
      box.hidden = !streaming;
      text.textContent = "Pace and filler count appear once the first 10 seconds are transcribed.";
    },
    update(live) {
      const parts = [];
      if (live.transcribed_s > 0) {
        parts.push(live.rate_wpm === null ? "Pace: listening…" : `Pace: ${live.rate_wpm} wpm`);
        parts.push(`${live.filler_count} filler${live.filler_count === 1 ? "" : "s"}`);
      }
      if (live.pending_s >= SHOW_BACKLOG_S) parts.push(`${Math.ceil(live.pending_s)} s of audio still being processed`);
      if (parts.length) text.textContent = parts.join(" · ");
    },
    stop() {
      box.hidden = true;
    },
  };
}
