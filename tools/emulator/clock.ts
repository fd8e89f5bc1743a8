/**
 * Emulated time. With a time scale of 10, one real second is ten emulated seconds: quotas refill ten times faster and
 * latency is ten times shorter, so a benchmark can compress minutes of quota-bound work without changing its shape.
 */
export class ScaledClock {
  private anchorReal: number;
  private anchorEmulated = 0;
  private scale = 1;

  constructor(private readonly realNowMs: () => number = () => performance.now()) {
    this.anchorReal = realNowMs();
  }

  /** Emulated seconds since the clock started. */
  readonly now = (): number => this.anchorEmulated + ((this.realNowMs() - this.anchorReal) / 1000) * this.scale;

  get timeScale(): number {
    return this.scale;
  }

  set timeScale(scale: number) {
    this.anchorEmulated = this.now();
    this.anchorReal = this.realNowMs();
    this.scale = scale;
  }

  /** Real milliseconds that correspond to `emulatedMs`. */
  toRealMs(emulatedMs: number): number {
    return emulatedMs / this.scale;
  }
}
