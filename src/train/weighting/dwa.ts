/**
 * Dynamic Weight Average (Liu, Johns & Davison 2019):
 *   w_i = T · softmax(r/τ)_i,  r_i = L_i(t−1) / L_i(t−2),
 * from mean task losses over the last two windows (epochs in the paper).
 * A task whose loss falls slowly (ratio near 1) gets more weight. Weights
 * are all 1 until two windows have been seen. Pure numbers: the caller
 * reads window means back once per window.
 */
export class DynamicWeightAverage {
  private previous: number[] | null = null;
  private latest: number[] | null = null;

  constructor(
    readonly taskCount: number,
    readonly temperature = 2,
  ) {
    if (!(temperature > 0)) throw new Error('DynamicWeightAverage: temperature must be positive');
  }

  push(windowMeanLosses: readonly number[]): void {
    if (windowMeanLosses.length !== this.taskCount)
      throw new Error(`DynamicWeightAverage: expected ${this.taskCount} losses`);
    this.previous = this.latest;
    this.latest = windowMeanLosses.slice();
  }

  weights(): number[] {
    const previous = this.previous;
    const latest = this.latest;
    if (!previous || !latest) return new Array<number>(this.taskCount).fill(1);
    const ratios = latest.map((l, i) => {
      const before = previous[i] as number;
      // A non-finite or zero loss gives no evidence: treat it as unchanged.
      return Number.isFinite(l) && Number.isFinite(before) && before > 0 ? l / before : 1;
    });
    const scaled = ratios.map((r) => r / this.temperature);
    const max = Math.max(...scaled);
    const exps = scaled.map((x) => Math.exp(x - max));
    const total = exps.reduce((a, b) => a + b, 0);
    return exps.map((e) => (this.taskCount * e) / total);
  }

  reset(): void {
    this.previous = null;
    this.latest = null;
  }
}
