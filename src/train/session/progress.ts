import * as tf from '../../tf';
import type { LossPoint } from '../events';
import { stepRowLayout } from '../balancedTrainer';

interface PendingStep {
  readonly step: number;
  readonly examples: number;
  /** The step's row of stepRowLayout, still on the device. */
  readonly row: tf.Tensor1D;
  /** Indices of the tasks trained at the step. */
  readonly trained: readonly number[];
}

/** The finite figures of `row[from…]`, keyed by `keys`; undefined when none is. */
function record(row: ArrayLike<number>, from: number, keys: readonly string[]): Record<string, number> | undefined {
  const out: Record<string, number> = {};
  keys.forEach((k, i) => {
    const v = row[from + i];
    if (v !== undefined && Number.isFinite(v)) out[k] = v;
  });
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * The steps taken since the last progress report, kept on the device until
 * they are read back in one transfer and turned into loss points.
 */
export class PendingSteps {
  private readonly steps: PendingStep[] = [];
  private readonly layout: ReturnType<typeof stepRowLayout>;

  constructor(
    private readonly names: readonly string[],
    private readonly pairs: readonly string[],
  ) {
    this.layout = stepRowLayout(names.length);
  }

  get empty(): boolean {
    return this.steps.length === 0;
  }

  push(step: PendingStep): void {
    this.steps.push(step);
  }

  /**
   * Reads the rows back, frees them and returns one point per step.
   * `observe` sees each step's losses of every task (NaN where not trained), in order.
   */
  async read(observe: (losses: number[]) => void): Promise<LossPoint[]> {
    const { names, layout } = this;
    const stacked = tf.stack(this.steps.map((p) => p.row));
    const values = await stacked.data();
    stacked.dispose();
    const width = layout.width;
    const points: LossPoint[] = this.steps.map((p, index) => {
      const row = values.subarray(index * width, (index + 1) * width);
      const losses: Record<string, number> = {};
      // Only trained tasks have a loss at a step; an untrained one leaves a gap in its curve.
      for (const i of p.trained) losses[names[i] as string] = row[layout.losses + i] ?? NaN;
      observe(names.map((_, i) => row[layout.losses + i] ?? NaN));
      const weights = record(row, layout.weights, names);
      const cosines = record(row, layout.cosines, this.pairs);
      const shares = record(row, layout.shares, names);
      return {
        step: p.step,
        examples: p.examples,
        losses,
        total: row[layout.total] ?? NaN,
        ...(weights ? { weights } : {}),
        ...(cosines ? { cosines } : {}),
        ...(shares ? { shares } : {}),
        ...(p.trained.length < names.length ? { trained: p.trained.map((i) => names[i] as string) } : {}),
      };
    });
    this.dispose();
    return points;
  }

  /** Frees the rows not read back. */
  dispose(): void {
    for (const p of this.steps) p.row.dispose();
    this.steps.length = 0;
  }
}
