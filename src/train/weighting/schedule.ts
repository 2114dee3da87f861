import { Random } from '../../data/random';
import type { Schedule } from './methods';

/**
 * Which tasks train in a step. 'all' trains every task every step; the
 * others train one task per step: 'roundrobin' cycles step mod T,
 * 'proportional' samples p_i ∝ N_i (dataset size) and 'temperature' samples
 * p_i ∝ N_i^{1/τ} (τ = 1 is proportional, τ → ∞ is uniform). Sampling is
 * seeded.
 */
export class TaskScheduler {
  private readonly random: Random;
  private readonly cumulative: number[];
  readonly taskCount: number;
  /** p_i of picking task i in a step (all and roundrobin: uniform). */
  readonly probabilities: number[];

  constructor(
    readonly schedule: Schedule,
    datasetSizes: readonly number[],
    readonly temperature: number,
    seed: number,
  ) {
    if (datasetSizes.length === 0) throw new Error('TaskScheduler: no tasks');
    if (datasetSizes.some((n) => !(n >= 0) || !Number.isFinite(n)))
      throw new Error('TaskScheduler: dataset sizes must be finite and non-negative');
    if (schedule === 'temperature' && !(temperature > 0))
      throw new Error('TaskScheduler: temperature must be positive');
    this.taskCount = datasetSizes.length;
    this.random = new Random(seed);
    const probabilities = samplingProbabilities(schedule, datasetSizes, temperature);
    let running = 0;
    this.cumulative = probabilities.map((p) => (running += p));
    this.probabilities = probabilities;
  }

  /** Indices of the tasks trained at `step`. */
  next(step: number): number[] {
    switch (this.schedule) {
      case 'all':
        return Array.from({ length: this.taskCount }, (_, i) => i);
      case 'roundrobin':
        return [((step % this.taskCount) + this.taskCount) % this.taskCount];
      case 'proportional':
      case 'temperature':
        return [this.sample()];
    }
  }

  private sample(): number {
    const u = this.random.next();
    const index = this.cumulative.findIndex((c) => u < c);
    // Rounding can leave the last cumulative value a hair below 1.
    return index >= 0 ? index : lastPositive(this.cumulative);
  }
}

/** p_i for a schedule; sizes of zero are never sampled. */
export function samplingProbabilities(
  schedule: Schedule,
  datasetSizes: readonly number[],
  temperature: number,
): number[] {
  const count = datasetSizes.length;
  if (schedule === 'all' || schedule === 'roundrobin') return new Array<number>(count).fill(1 / count);
  const exponent = schedule === 'temperature' ? 1 / temperature : 1;
  const masses = datasetSizes.map((n) => (n > 0 ? Math.pow(n, exponent) : 0));
  const total = masses.reduce((a, b) => a + b, 0);
  if (!(total > 0)) throw new Error('TaskScheduler: every dataset is empty');
  return masses.map((m) => m / total);
}

function lastPositive(cumulative: readonly number[]): number {
  for (let i = cumulative.length - 1; i > 0; i--)
    if ((cumulative[i] as number) > (cumulative[i - 1] as number)) return i;
  return 0;
}
