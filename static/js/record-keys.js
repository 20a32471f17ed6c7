// Keyboard access to a Record/Stop panel: Alt+R records and stops, the skip link lands on the button to
// press, and when the focused button disables or hides itself focus goes to the next sensible control
// (Stop while recording, Next or the summary after a turn, else Record), not to the page body.

const SHORTCUT_CODE = "KeyR"; // with Alt: documented beside the buttons and in aria-keyshortcuts

const usable = (element) => Boolean(element) && !element.disabled && !element.hidden && element.offsetParent !== null;

export function bindRecordKeys(root) {
  const record = root.querySelector('[data-role="record"]');
  const stop = root.querySelector('[data-role="stop"]');
  const status = root.querySelector('[data-role="status"]');
  const afterTurn = [...root.querySelectorAll(".actions .button")];
  const entryPoints = () => [record, stop, ...document.querySelectorAll("[data-skip-target]")];
  let ownsFocus = false; // the user's focus was last on one of this panel's controls
  let holding = false;   // focus waits on the status line until a button is ready

  status.tabIndex = -1;
  document.addEventListener("focusin", (event) => {
    ownsFocus = root.contains(event.target) || entryPoints().includes(event.target);
    if (event.target !== status) holding = false;
  });

  const moveFocus = () => {
    const active = document.activeElement;
    // A button that disables itself keeps focus until the browser drops it to the body: both count as lost.
    const lost = active === null || active === document.body || (root.contains(active) && active !== status && !usable(active));
    if (!ownsFocus || !(lost || (holding && document.activeElement === status))) return;
    const next = [stop, ...afterTurn, record].find(usable);
    if (next) {
      next.focus();
    } else if (!holding) {
      status.focus();
      holding = true;
    }
  };
  new MutationObserver(moveFocus).observe(root, { subtree: true, attributes: true, attributeFilter: ["disabled", "hidden"] });

  document.addEventListener("keydown", (event) => {
    if (!event.altKey || event.ctrlKey || event.metaKey || event.code !== SHORTCUT_CODE) return;
    const button = [stop, record].find(usable);
    if (!button) return;
    event.preventDefault();
    ownsFocus = true;
    button.focus();
    button.click();
  });

  for (const link of document.querySelectorAll('.skip-link[data-skip="record"]')) {
    link.addEventListener("click", (event) => {
      const target = entryPoints().find(usable);
      if (!target) return;
      event.preventDefault();
      target.focus();
    });
  }
}
