// Captures the microphone as 16 kHz mono 16-bit PCM through an AudioWorklet, for streaming while recording.
import { openMicrophone } from "./recorder.js";

export const STREAM_RATE_HZ = 16000;

// The browser cannot capture PCM this way; the caller falls back to recording a file and uploading it.
export class StreamingUnavailable extends Error {}

export function streamingSupported() {
  return typeof AudioWorkletNode !== "undefined" && typeof AudioContext !== "undefined";
}

export class PcmRecorder {
  // onPcm(Int16Array) is called with each new piece of audio, in order.
  async start(onPcm) {
    this.stream = await openMicrophone();
    try {
      this.context = new AudioContext({ sampleRate: STREAM_RATE_HZ });
      await this.context.audioWorklet.addModule(new URL("./pcm-worklet.js", import.meta.url));
      this.source = this.context.createMediaStreamSource(this.stream);
      this.node = new AudioWorkletNode(this.context, "pcm-capture");
    } catch (error) {
      this.release();
      throw new StreamingUnavailable(`Streaming capture is not available here (${error.message}).`);
    }
    this.node.port.onmessage = (event) => {
      if (event.data === "flushed") {
        if (this.onFlushed) this.onFlushed();
      } else {
        onPcm(new Int16Array(event.data));
      }
    };
    this.source.connect(this.node);
    this.node.connect(this.context.destination); // pulls the graph; the node writes silence to its output
    return this.stream;
  }

  // Resolves once the last samples before Stop have been handed to onPcm.
  async stop() {
    if (!this.node) return;
    const flushed = new Promise((resolve) => { this.onFlushed = resolve; });
    this.node.port.postMessage("flush");
    await Promise.race([flushed, new Promise((resolve) => setTimeout(resolve, 1000))]);
    this.release();
  }

  release() {
    if (this.source) this.source.disconnect();
    if (this.node) this.node.disconnect();
    if (this.context && this.context.state !== "closed") this.context.close();
    if (this.stream) this.stream.getTracks().forEach((track) => track.stop());
    this.source = null;
    this.node = null;
    this.context = null;
    this.stream = null;
  }
}
