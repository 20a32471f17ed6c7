// Chrome's MediaRecorder writes webm without a duration, so the player shows no length and a dead
// seek bar. Seeking far past the end makes the browser scan the file and learn the real duration.

export function revealDuration(player) {
  const fix = () => {
    if (player.duration !== Infinity) return;
    const restore = () => {
      if (player.duration === Infinity) return;
      player.removeEventListener("durationchange", restore);
      player.currentTime = 0;
    };
    player.addEventListener("durationchange", restore);
    player.currentTime = 1e101;
  };
  if (player.readyState >= 1) fix();
  else player.addEventListener("loadedmetadata", fix, { once: true });
}
