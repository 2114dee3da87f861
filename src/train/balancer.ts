import * as tf from '../tf';
import type { ExperimentConfig } from '../config/experiment';
import { DynamicWeightAverage, Famo, GradNorm, UncertaintyWeighting, type WeightingMethod } from './weighting';

type BalancerConfig = Pick<ExperimentConfig, 'weighting' | 'dwaTemperature' | 'gradnormAlpha'>;

/** What one method keeps across steps; a hook it does not have does nothing. */
interface MethodState {
  /** This step's weights [T]; `manual` are the page's weights, `losses` this step's, detached. */
  weights(manual: readonly number[], losses: tf.Tensor1D): tf.Tensor1D;
  /** The same weights as numbers, where the method knows them on the host before the step (not FAMO's, uncertainty's or GradNorm's). */
  hostWeights?(manual: readonly number[]): number[];
  afterStep?(losses: tf.Tensor1D): void;
  observe?(losses: readonly number[]): void;
  readonly uncertainty?: UncertaintyWeighting;
  readonly gradnorm?: GradNorm;
  dispose?(): void;
}

const manualWeights = (): MethodState => ({
  weights: (manual) => tf.tensor1d(manual as number[]),
  hostWeights: (manual) => [...manual],
});

/** Each weighting method's balancer, keyed like METHOD_INFO (src/train/weighting/methods.ts). */
const BALANCERS: Record<
  WeightingMethod,
  (config: BalancerConfig, taskCount: number, windowSteps: number) => MethodState
> = {
  manual: manualWeights,
  pcgrad: manualWeights,
  equal: (_, taskCount) => ({
    weights: () => tf.ones([taskCount]),
    hostWeights: () => new Array<number>(taskCount).fill(1),
  }),
  dwa: (config, taskCount, windowSteps) =>
    dwaState(new DynamicWeightAverage(taskCount, config.dwaTemperature), taskCount, windowSteps),
  uncertainty: (_, taskCount) => {
    const uncertainty = new UncertaintyWeighting(taskCount);
    return { uncertainty, weights: () => uncertainty.effectiveWeights(), dispose: () => uncertainty.dispose() };
  },
  gradnorm: (config, taskCount) => {
    const gradnorm = new GradNorm(taskCount, config.gradnormAlpha);
    return { gradnorm, weights: () => gradnorm.weights(), dispose: () => gradnorm.dispose() };
  },
  famo: (_, taskCount) => famoState(new Famo(taskCount), taskCount),
};

/** DWA averages the training losses read back from the device over a window of steps (its "epoch"). */
function dwaState(dwa: DynamicWeightAverage, taskCount: number, windowSteps: number): MethodState {
  const emptyWindow = () => ({
    sums: new Array<number>(taskCount).fill(0),
    counts: new Array<number>(taskCount).fill(0),
    steps: 0,
  });
  let window = emptyWindow();
  return {
    weights: () => tf.tensor1d(dwa.weights()),
    hostWeights: () => dwa.weights(),
    observe(losses) {
      losses.forEach((l, i) => {
        if (!Number.isFinite(l)) return;
        window.sums[i] = (window.sums[i] ?? 0) + l;
        window.counts[i] = (window.counts[i] ?? 0) + 1;
      });
      window.steps++;
      if (window.steps < windowSteps) return;
      dwa.push(window.sums.map((s, i) => s / Math.max(1, window.counts[i] ?? 0)));
      window = emptyWindow();
    },
  };
}

/**
 * FAMO learns from how each loss changed since the previous step, after the
 * update (this batch's losses stand in for the losses after the previous
 * update: no extra forward pass).
 */
function famoState(famo: Famo, taskCount: number): MethodState {
  let previousLosses: tf.Tensor1D | null = null;
  return {
    // FAMO's weights sum to 1; times T keeps the step size comparable to equal weights.
    weights: (_, losses) => tf.mul(famo.weights(losses), taskCount),
    afterStep(losses) {
      if (previousLosses) famo.update(previousLosses, losses);
      previousLosses?.dispose();
      previousLosses = tf.keep(tf.clone(losses));
    },
    dispose() {
      famo.dispose();
      previousLosses?.dispose();
      previousLosses = null;
    },
  };
}

/**
 * The state of a task-weighting method across steps. Manual weights come
 * from the page; the other methods set the weights themselves. Every method
 * reports its effective weights so the page can plot them.
 */
export class TaskBalancer {
  readonly method: WeightingMethod;
  readonly uncertainty: UncertaintyWeighting | null;
  readonly gradnorm: GradNorm | null;
  private readonly state: MethodState;

  constructor(
    config: BalancerConfig,
    taskCount: number,
    /** Steps per DWA window (its "epoch"). */
    windowSteps: number,
  ) {
    this.method = config.weighting;
    this.state = BALANCERS[this.method](config, taskCount, windowSteps);
    this.uncertainty = this.state.uncertainty ?? null;
    this.gradnorm = this.state.gradnorm ?? null;
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
    return this.state.weights(manual, losses);
  }

  /**
   * This step's weights as numbers where the method knows them before the
   * step (manual, equal, DWA), else null: known weights can ride in a fused
   * loss's per-token weights instead of costing kernels.
   */
  hostWeights(manual: readonly number[]): number[] | null {
    return this.state.hostWeights?.(manual) ?? null;
  }

  /** After the update, outside any gradient tape (FAMO learns here). */
  afterStep(losses: tf.Tensor1D): void {
    this.state.afterStep?.(losses);
  }

  /** Training losses read back from the device, per step, for DWA's windows (NaN = task not trained that step). */
  observe(losses: readonly number[]): void {
    this.state.observe?.(losses);
  }

  dispose(): void {
    this.state.dispose?.();
  }
}
