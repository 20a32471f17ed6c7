// Sends one answer's PCM to the server while it is recorded: numbered chunks, one request at a time,
// retried until they arrive (the server stores each sequence number once, so a retry is harmless).
import { csrfToken, postForm } from "./api.js";

const CHUNK_SAMPLES = 16000 * 1.5; // 1.5 s of 16 kHz audio per request
const RETRY_DELAYS_MS = [250, 500, 1000, 2000, 4000];
const MAX_ATTEMPTS = 40; // about two and a half minutes of retries

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export class StreamUploader {
  constructor(streamUrl, fields, onLive) {
    this.streamUrl = streamUrl;
    this.fields = fields;
    this.onLive = onLive;
    this.sent = [];
    this.pending = [];
    this.queue = Promise.resolve();
  }

  async open() {
    const form = new FormData();
    for (const [name, value] of Object.entries(this.fields)) form.append(name, value);
    form.append("sample_rate", "16000");
    const opening = postForm(this.streamUrl, form).then((answer) => { this.answer = answer; });
    this.queue = opening; // chunks cut before the answer exists wait for it
    await opening;
    return this.answer;
  }

  push(samples) {
    this.pending.push(samples);
    const size = this.pending.reduce((n, part) => n + part.length, 0);
    if (size >= CHUNK_SAMPLES) this.cut();
  }

  cut() {
    const size = this.pending.reduce((n, part) => n + part.length, 0);
    if (size === 0) return;
    const chunk = new Int16Array(size);
    let offset = 0;
    for (const part of this.pending) {
      chunk.set(part, offset);
      offset += part.length;
    }
    this.pending = [];
    const seq = this.sent.length;
    this.sent.push(chunk);
    this.queue = this.queue.then(() => this.send(seq));
  }

  async send(seq) {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
      let response = null;
      try {
        response = await fetch(`${this.answer.chunk_url}${seq}`, {
          method: "POST",
          body: this.sent[seq],
          headers: { "X-CSRFToken": csrfToken(), "Content-Type": "application/octet-stream", Accept: "application/json" },
          credentials: "same-origin",
        });
      } catch (networkError) {
        response = null; // offline for a moment, or the server restarting: try again
      }
      if (response) {
        const body = await response.json().catch(() => ({}));
        if (response.ok) {
          if (body.live && this.onLive) this.onLive(body.live);
          return;
        }
        if (response.status < 500) throw new Error(body.error || `The server answered ${response.status}.`);
      }
      await sleep(RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)]);
    }
    throw new Error("The server cannot be reached. What arrived is kept as an unfinished take in your answers.");
  }

  // Sends what is left, then Stop; a chunk the server reports missing is sent again.
  async stop() {
    this.cut();
    await this.queue;
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const form = new FormData();
      form.append("chunks", String(this.sent.length));
      const response = await fetch(this.answer.stop_url, {
        method: "POST",
        body: form,
        headers: { "X-CSRFToken": csrfToken(), Accept: "application/json" },
        credentials: "same-origin",
      });
      const body = await response.json().catch(() => ({}));
      if (response.ok) return body;
      if (response.status !== 409 || !body.missing) throw new Error(body.error || `The server answered ${response.status}.`);
      for (const seq of body.missing) await this.send(seq);
    }
    throw new Error("Some of the recording did not reach the server. Check the answers list.");
  }
}
