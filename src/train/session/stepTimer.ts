const now = () => performance.now();

/**
 * The training speed: wall time of the steps between two progress reports
 * (a window), without validation time and without the first window, which
 * holds shader compilation. A run that fits in one window has no later
 * window to time, so that one counts.
 */
export class StepTimer {
  private trainingMs = 0;
  private timedSteps = 0;
  private windowStart = now();
  private windowSteps = 0;
  private firstWindow = true;

  constructor(private readonly singleWindow: boolean) {}

  /** Starts the window's clock afresh when none of its steps has run yet (after a pause or a divergence). */
  restartIfEmpty(): void {
    if (this.windowSteps === 0) this.windowStart = now();
  }

  /** Starts the next window's clock. */
  restart(): void {
    this.windowStart = now();
  }

  stepDone(): void {
    this.windowSteps++;
  }

  /** The steps of the window are lost (a divergence): they count neither as time nor as steps. */
  dropWindow(): void {
    this.windowSteps = 0;
  }

  /** Runs `work` (a validation) off the clock. */
  async excluding<T>(work: () => Promise<T>): Promise<T> {
    const started = now();
    const result = await work();
    this.windowStart += now() - started;
    return result;
  }

  /** Ends the window whose `points` steps were just read back; returns the ms per step to report. */
  closeWindow(points: number): number {
    const elapsed = now() - this.windowStart;
    if (!this.firstWindow || this.singleWindow) {
      this.trainingMs += elapsed;
      this.timedSteps += this.windowSteps;
    }
    this.firstWindow = false;
    this.windowSteps = 0;
    return this.timedSteps > 0 ? this.trainingMs / this.timedSteps : elapsed / Math.max(1, points);
  }

  /** The measured ms per step over the run; NaN when no window was timed. */
  get msPerStep(): number {
    return this.timedSteps > 0 ? this.trainingMs / this.timedSteps : NaN;
  }

  get trainingSeconds(): number {
    return this.trainingMs / 1000;
  }
}
