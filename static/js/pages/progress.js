// Progress page: apply the kind filter as soon as it changes (the button stays for no-JS use).
const form = document.getElementById("kind-filter");
if (form) {
  form.querySelector("select").addEventListener("change", () => form.submit());
}
