// Talks to the JSON API with the page's CSRF token; every error becomes a readable message.

export function csrfToken() {
  const meta = document.querySelector('meta[name="csrf-token"]');
  return meta ? meta.content : "";
}

async function readJson(response) {
  const body = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(body.error || `The server answered ${response.status}.`);
  }
  return body;
}

export async function postForm(url, formData) {
  const response = await fetch(url, {
    method: "POST",
    body: formData,
    headers: { "X-CSRFToken": csrfToken(), Accept: "application/json" },
    credentials: "same-origin",
  });
  return readJson(response);
}

export async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
  return readJson(response);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Polls an answer until its analysis is done or failed; onProgress sees each status.
export async function waitForAnalysis(url, onProgress, { intervalMs = 700, timeoutMs = 15 * 60 * 1000 } = {}) {
  const started = Date.now();
  for (;;) {
    const answer = await getJson(url);
    onProgress(answer);
    if (answer.status === "done" || answer.status === "failed") return answer;
    if (Date.now() - started > timeoutMs) throw new Error("The analysis is taking too long. Check the answers list later.");
    await sleep(intervalMs);
  }
}
