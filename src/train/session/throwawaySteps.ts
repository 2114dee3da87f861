import type * as tf from '../../tf';
import type { ExperimentConfig } from '../../config/experiment';
import type { Batch } from '../../data/batching';
import type { PreparedData } from '../../data/prepare';
import type { MtlModel } from '../../model/mtlModel';
import { TrainingBatches } from './batches';
import { sessionModel } from './model';
import { Stepper } from './stepper';

/**
 * A throwaway copy of a run's model and training step, every task trained at
 * every step on the run's own seeded batches: to time or soak the step
 * without touching the run.
 */
export class ThrowawaySteps {
  private readonly model: MtlModel;
  private readonly stepper: Stepper;
  private readonly batches: TrainingBatches;
  private readonly names: string[];

  constructor(
    private readonly config: ExperimentConfig,
    data: PreparedData,
  ) {
    this.model = sessionModel(config, data, null, null);
    this.stepper = new Stepper(this.model, config);
    this.batches = new TrainingBatches(data, config);
    this.names = data.tasks.map((t) => t.spec.name);
  }

  /** The tasks in the model's order: the row's first columns. */
  get taskCount(): number {
    return this.names.length;
  }

  /** The next batch of every task. */
  draw(): ReadonlyMap<string, Batch> {
    return this.batches.next(this.names);
  }

  /** Step `n` on `batches` (the next ones by default): a row of stepRowLayout, for the caller to dispose. */
  take(n: number, batches = this.draw()): tf.Tensor1D {
    return this.stepper.take(
      n,
      this.names.map((_, i) => i),
      batches,
      this.config.weights,
    );
  }

  /** Compiles a step's kernels on `batches` ahead, where the backend can (Stepper.compileAhead). */
  compileAhead(batches: ReadonlyMap<string, Batch>): Promise<number> {
    return this.stepper.compileAhead(batches, this.config.weights);
  }

  dispose(): void {
    this.stepper.dispose();
    this.model.dispose();
  }
}
