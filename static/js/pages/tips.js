// Tips notebook: "Add another tip" copies the last tip row with fresh, numbered field names.
const rows = document.getElementById("tip-rows");
const add = document.getElementById("add-tip");
const MAX_ROWS = 20;

if (rows && add) {
  add.hidden = false;
  add.addEventListener("click", () => {
    const last = rows.lastElementChild;
    const index = Number(last.dataset.index) + 1;
    if (index >= MAX_ROWS) return;
    const row = last.cloneNode(true);
    row.dataset.index = String(index);
    row.querySelector("legend").textContent = `Tip ${index + 1}`;
    for (const el of row.querySelectorAll("[name], [id], [for]")) {
      for (const attr of ["name", "id", "for"]) {
        const value = el.getAttribute(attr);
        if (value) el.setAttribute(attr, value.replace(/^tip-\d+-/, `tip-${index}-`));
      }
    }
    row.querySelector("label.sr-only").textContent = `Tip ${index + 1}`;
    row.querySelector("[role=group]").setAttribute("aria-label", `Skills for tip ${index + 1}`);
    const text = row.querySelector("textarea");
    text.value = "";
    text.placeholder = "";
    for (const box of row.querySelectorAll("input[type=checkbox]")) box.checked = false;
    rows.append(row);
    text.focus();
    if (index + 1 >= MAX_ROWS) add.disabled = true;
  });
}
