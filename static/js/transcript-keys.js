// A transcript is one tab stop: the arrow keys move between its words (a roving tabindex), Home and End
// jump to the first and last word, and Enter or Space plays from the focused word, as a click does.

const STEPS = { ArrowRight: 1, ArrowLeft: -1 };

export function bindTranscriptWords(transcript, playFrom) {
  const words = [...transcript.querySelectorAll(".word")];
  if (!words.length) return;
  let current = words[0];
  for (const word of words) word.tabIndex = word === current ? 0 : -1;

  const makeCurrent = (word) => {
    current.tabIndex = -1;
    word.tabIndex = 0;
    current = word;
  };

  transcript.addEventListener("click", (event) => {
    const word = event.target.closest(".word");
    if (!word) return;
    makeCurrent(word);
    playFrom(word);
  });
  transcript.addEventListener("keydown", (event) => {
    const index = words.indexOf(event.target);
    if (index < 0) return;
    let next = null;
    if (event.key in STEPS) next = words[Math.max(0, Math.min(words.length - 1, index + STEPS[event.key]))];
    else if (event.key === "Home") next = words[0];
    else if (event.key === "End") next = words[words.length - 1];
    else if (event.key === "Enter" || event.key === " ") playFrom(event.target);
    else return;
    event.preventDefault();
    if (next) {
      makeCurrent(next);
      next.focus();
    }
  });
}
