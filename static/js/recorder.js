// Records one answer: asks for the microphone on start, releases every track on stop.

const PREFERRED_TYPES = ["audio/webm;codecs=opus", "audio/webm", "audio/mp4", "audio/ogg;codecs=opus"];

export class RecorderError extends Error {}

export function recordingSupportProblem() {
  if (!window.isSecureContext || !navigator.mediaDevices) {
    return "Recording needs a secure page. Open the app at http://127.0.0.1:5000 or over https.";
  }
  if (typeof MediaRecorder === "undefined") {
    return "This browser cannot record audio. Use a current Chrome, Edge, Firefox or Safari.";
  }
  return null;
}

function explainGetUserMediaError(error) {
  switch (error.name) {
    case "NotAllowedError":
    case "SecurityError":
      return "Microphone permission was denied. Allow the microphone for this page (the icon in the address bar) and try again.";
    case "NotFoundError":
    case "OverconstrainedError":
      return "No microphone was found. Plug one in or check your sound settings, then try again.";
    case "NotReadableError":
      return "The microphone is busy or not working. Close other apps that use it and try again.";
    default:
      return `The microphone could not start (${error.name || error.message}).`;
  }
}

// The microphone, unprocessed, or a RecorderError that says what to do.
export async function openMicrophone() {
  if (!window.isSecureContext || !navigator.mediaDevices) throw new RecorderError(recordingSupportProblem());
  try {
    return await navigator.mediaDevices.getUserMedia({
      audio: { echoCancellation: false, noiseSuppression: false, autoGainControl: false },
    });
  } catch (error) {
    throw new RecorderError(explainGetUserMediaError(error));
  }
}

export class Recorder {
  async start() {
    const problem = recordingSupportProblem();
    if (problem) throw new RecorderError(problem);
    this.stream = await openMicrophone();
    const mimeType = PREFERRED_TYPES.find((type) => MediaRecorder.isTypeSupported(type));
    this.chunks = [];
    this.recorder = new MediaRecorder(this.stream, mimeType ? { mimeType } : undefined);
    this.recorder.addEventListener("dataavailable", (event) => {
      if (event.data && event.data.size > 0) this.chunks.push(event.data);
    });
    this.stopped = new Promise((resolve) => this.recorder.addEventListener("stop", resolve, { once: true }));
    this.recorder.start(1000);
    return this.stream;
  }

  async stop() {
    if (this.recorder && this.recorder.state !== "inactive") this.recorder.stop();
    await this.stopped;
    this.releaseMicrophone();
    const type = this.recorder.mimeType || (this.chunks[0] && this.chunks[0].type) || "audio/webm";
    return new Blob(this.chunks, { type });
  }

  releaseMicrophone() {
    if (this.stream) this.stream.getTracks().forEach((track) => track.stop());
    this.stream = null;
  }
}

export function extensionFor(mimeType) {
  if (mimeType.includes("mp4")) return "mp4";
  if (mimeType.includes("ogg")) return "ogg";
  return "webm";
}
