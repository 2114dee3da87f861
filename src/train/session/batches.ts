import type { ExperimentConfig } from '../../config/experiment';
import { BatchSampler, type Batch } from '../../data/batching';
import type { PreparedData } from '../../data/prepare';
import { Random } from '../../data/random';
import { dropWords } from '../../data/wordDropout';

/** Each task's training batches, in a seeded order, with word dropout applied. */
export class TrainingBatches {
  private readonly samplers: Map<string, BatchSampler>;
  /** Word dropout's draws, seeded apart from the batch order. */
  private readonly wordDropoutRandom: Random;

  constructor(
    private readonly data: PreparedData,
    private readonly config: Pick<ExperimentConfig, 'seed' | 'batchSize' | 'maxLength' | 'wordDropout'>,
  ) {
    this.wordDropoutRandom = new Random(config.seed * 7 + 3);
    this.samplers = new Map(
      data.tasks.map((t, i) => [
        t.spec.name,
        new BatchSampler(
          t.splits.train,
          config.batchSize,
          config.maxLength,
          new Random(config.seed * 31 + 17 + i),
          data.tokenEncoder.idsPerToken,
        ),
      ]),
    );
  }

  /** The next batch of each named task. */
  next(names: readonly string[]): Map<string, Batch> {
    const batches = new Map<string, Batch>();
    for (const name of names) {
      batches.set(
        name,
        dropWords(
          (this.samplers.get(name) as BatchSampler).next(),
          this.data.wordCounts,
          this.config.wordDropout,
          this.wordDropoutRandom,
        ),
      );
    }
    return batches;
  }

  /** How many passes over its training split each task has begun. */
  epochs(): Record<string, number> {
    const epochs: Record<string, number> = {};
    for (const [name, s] of this.samplers) epochs[name] = s.epoch;
    return epochs;
  }
}
