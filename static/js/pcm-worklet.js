// AudioWorklet processor: the microphone's samples as 16-bit PCM, posted to the page every ~100 ms.
// It runs in an AudioContext created at 16 kHz, so the browser has already resampled (with filtering).

const POST_EVERY_SAMPLES = 1600;

class PcmCapture extends AudioWorkletProcessor {
  constructor() {
    super();
    this.buffer = new Int16Array(POST_EVERY_SAMPLES);
    this.filled = 0;
    this.port.onmessage = (event) => {
      if (event.data === "flush") {
        this.post();
        this.port.postMessage("flushed");
      }
    };
  }

  post() {
    if (this.filled === 0) return;
    const out = this.buffer.slice(0, this.filled);
    this.port.postMessage(out.buffer, [out.buffer]);
    this.filled = 0;
  }

  process(inputs) {
    const channel = inputs[0] && inputs[0][0];
    if (channel) {
      for (let i = 0; i < channel.length; i += 1) {
        const sample = Math.max(-1, Math.min(1, channel[i]));
        this.buffer[this.filled] = sample < 0 ? sample * 0x8000 : sample * 0x7fff;
        this.filled += 1;
        if (this.filled === POST_EVERY_SAMPLES) this.post();
      }
    }
    return true;
  }
}

registerProcessor("pcm-capture", PcmCapture);
