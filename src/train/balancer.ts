import * as tf from '@tensorflow/tfjs';
import type { ExperimentConfig } from '../config/experiment';
import { DynamicWeightAverage, Famo, GradNorm, UncertaintyWeighting, type WeightingMethod } from './weighting';

/**
 * The state of a task-weighting method across steps. Manual weights come
 * from the page; the other methods set the weights themselves. Every method
 * reports its effective weights so the page can plot them.
 */
export class TaskBalancer {
  readonly method: WeightingMethod;
  readonly uncertainty: UncertaintyWeighting | null;
  readonly gradnorm: GradNorm | null;
  private readonly famo: Famo | null;
  private readonly dwa: DynamicWeightAverage | null;
  /** FAMO compares this step's losses with the previous step's (after its update). */
  private previousLosses: tf.Tensor1D | null = null;
  /** DWA: training losses summed over the current window, per task. */
  private window: { sums: number[]; counts: number[]; steps: number };

  constructor(
    config: Pick<ExperimentConfig, 'weighting' | 'dwaTemperature' | 'gradnormAlpha'>,
    private readonly taskCount: number,
    /** Steps per DWA window (its "epoch"). */
    private readonly windowSteps: number,
  ) {
    this.method = config.weighting;
    this.uncertainty = this.method === 'uncertainty' ? new UncertaintyWeighting(taskCount) : null;
    this.gradnorm = this.method === 'gradnorm' ? new GradNorm(taskCount, config.gradnormAlpha) : null;
    this.famo = this.method === 'famo' ? new Famo(taskCount) : null;
    this.dwa = this.method === 'dwa' ? new DynamicWeightAverage(taskCount, config.dwaTemperature) : null;
    this.window = this.emptyWindow();
  }

  private emptyWindow() {
    return { sums: new Array<number>(this.taskCount).fill(0), counts: new Array<number>(this.taskCount).fill(0), steps: 0 };
  }

  /** Variables the method learns alongside the model (uncertainty's log σ²). */
  get variables(): tf.Variable[] {
    return this.uncertainty?.variables ?? [];
  }

  /**
   * Task weights for this step as a tensor [T] (no gradient flows through
   * it), from the manual weights or the method's state. `losses` are this
   * step's losses, detached; FAMO needs them.
   */
  weights(manual: readonly number[], losses: tf.Tensor1D): tf.Tensor1D {
    switch (this.method) {
      case 'manual':
      case 'pcgrad':
        return tf.tensor1d(manual as number[]);
      case 'equal':
        return tf.ones([this.taskCount]);
      case 'dwa':
        return tf.tensor1d((this.dwa as DynamicWeightAverage).weights());
      case 'uncertainty':
        return (this.uncertainty as UncertaintyWeighting).effectiveWeights();
      case 'gradnorm':
        return (this.gradnorm as GradNorm).weights();
      case 'famo':
        // FAMO's weights sum to 1; times T keeps the step size comparable to equal weights.
        return tf.mul((this.famo as Famo).weights(losses), this.taskCount);
    }
  }

  /**
   * After the update, outside any gradient tape: FAMO learns from how each
   * loss changed since the previous step (this batch's losses stand in for
   * the losses after the previous update: no extra forward pass).
   */
  afterStep(losses: tf.Tensor1D): void {
    if (!this.famo) return;
    if (this.previousLosses) this.famo.update(this.previousLosses, losses);
    this.previousLosses?.dispose();
    this.previousLosses = tf.keep(tf.clone(losses));
  }

  /** Training losses read back from the device, per step, for DWA's windows (NaN = task not trained that step). */
  observe(losses: readonly number[]): void {
    if (!this.dwa) return;
    losses.forEach((l, i) => {
      if (!Number.isFinite(l)) return;
      this.window.sums[i] = (this.window.sums[i] ?? 0) + l;
      this.window.counts[i] = (this.window.counts[i] ?? 0) + 1;
    });
    this.window.steps++;
    if (this.window.steps < this.windowSteps) return;
    this.dwa.push(this.window.sums.map((s, i) => s / Math.max(1, this.window.counts[i] ?? 0)));
    this.window = this.emptyWindow();
  }

  dispose(): void {
    this.uncertainty?.dispose();
    this.gradnorm?.dispose();
    this.famo?.dispose();
    this.previousLosses?.dispose();
    this.previousLosses = null;
  }
}
