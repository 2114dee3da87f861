import type * as tf from '../../tf';
import type { ExperimentConfig } from '../../config/experiment';
import { EXPERIMENT_FIELDS } from '../../config/fields';
import { ConfigError } from '../../config/validate';
import type { Batch } from '../../data/batching';
import type { MtlModel } from '../../model/mtlModel';
import { BalancedTrainer } from '../balancedTrainer';
import { compileAhead } from '../compileAhead';
import { learningRateFactor } from '../learningRate';

/**
 * A session's training step: the trainer set up from the experiment, the
 * learning-rate schedule and the learning rate the user chose, and which of
 * the trainer's steps each step takes.
 */
export class Stepper {
  readonly trainer: BalancedTrainer;
  /** The learning rate the user chose: a diverged run's Adam restarts with it. */
  private learningRate: number;

  constructor(
    model: MtlModel,
    private readonly config: ExperimentConfig,
  ) {
    // DWA's "epoch": a window of steps long enough to average noisy batch losses.
    const dwaWindow = Math.max(20, config.emitEvery * 4);
    this.learningRate = config.learningRate;
    this.trainer = new BalancedTrainer(
      model,
      {
        learningRate: config.learningRate,
        clipNorm: config.clipNorm,
        lambda: config.lambda,
        headDropout: config.headDropout,
        dropout: config.trunkDropout,
        headDecay: config.headDecay,
      },
      config,
      dwaWindow,
    );
  }

  /**
   * Trains one step at the schedule's learning rate. Plain weighted training
   * on every task uses the original one-pass step (tasks with w_i = 0 still
   * get a curve); everything else goes through the balanced step. Both
   * return a row of stepRowLayout.
   */
  take(
    step: number,
    trained: readonly number[],
    batches: ReadonlyMap<string, Batch>,
    weights: Readonly<Record<string, number>>,
  ): tf.Tensor1D {
    const { weighting, schedule, interactionEvery, learningRateSchedule, warmupSteps, steps } = this.config;
    this.trainer.setLearningRateFactor(learningRateFactor(learningRateSchedule, warmupSteps, step, steps));
    const measure = interactionEvery > 0 && step % interactionEvery === 0;
    if (weighting === 'manual' && schedule === 'all' && !measure) return this.trainer.plainStep(batches, weights);
    return this.trainer.balancedStep(batches, weights, { trained, measure });
  }

  /**
   * Compiles the kernels of a step on these batches ahead, in parallel, where
   * the backend can (WebGPU; see compileAhead). Changes nothing the run
   * computes. Returns how many pipelines it started.
   */
  compileAhead(batches: ReadonlyMap<string, Batch>, weights: Readonly<Record<string, number>>): Promise<number> {
    // A schedule's step trains only the tasks it drew batches for.
    const drawn = Object.fromEntries(Object.entries(weights).filter(([task]) => batches.has(task)));
    return compileAhead(() => this.trainer.passesOnly(batches, drawn));
  }

  /** A new learning rate (e.g. after a divergence); Adam starts afresh with it. */
  setLearningRate(raw: unknown): void {
    const { min, max } = EXPERIMENT_FIELDS.learningRate;
    if (typeof raw !== 'number' || !Number.isFinite(raw) || raw < min || raw > max) {
      throw new ConfigError(`"learningRate" must be between ${min} and ${max}, got ${String(raw)}`);
    }
    this.learningRate = raw;
    this.trainer.resetOptimizers(raw);
  }

  /** Adam afresh at the chosen learning rate (a divergence's recovery). */
  resetOptimizers(): void {
    this.trainer.resetOptimizers(this.learningRate);
  }

  dispose(): void {
    this.trainer.dispose();
  }
}
