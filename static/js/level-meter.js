// Measures the microphone level (instant RMS, slow average, clipped share); drawing is the caller's job.

export class LevelMeter {
  constructor(stream, onLevel) {
    this.context = new AudioContext();
    this.source = this.context.createMediaStreamSource(stream);
    this.analyser = this.context.createAnalyser();
    this.analyser.fftSize = 2048;
    this.source.connect(this.analyser);
    this.buffer = new Float32Array(this.analyser.fftSize);
    this.slowRms = 0;
    this.onLevel = onLevel;
    this.timer = setInterval(() => this.measure(), 100);
  }

  measure() {
    this.analyser.getFloatTimeDomainData(this.buffer);
    let sum = 0;
    let clipped = 0;
    for (const sample of this.buffer) {
      sum += sample * sample;
      if (Math.abs(sample) > 0.99) clipped += 1;
    }
    const rms = Math.sqrt(sum / this.buffer.length);
    this.slowRms = 0.9 * this.slowRms + 0.1 * rms;
    const toDbfs = (x) => (x > 0 ? 20 * Math.log10(x) : -Infinity);
    this.onLevel({ instantDbfs: toDbfs(rms), slowDbfs: toDbfs(this.slowRms), clippedShare: clipped / this.buffer.length });
  }

  stop() {
    clearInterval(this.timer);
    this.source.disconnect();
    this.context.close();
  }
}
