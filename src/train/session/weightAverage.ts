import * as tf from '../../tf';
import type { MtlModel } from '../../model/mtlModel';

/**
 * An exponential moving average of the weights (Polyak averaging, as
 * TensorFlow's ExponentialMovingAverage): after every step
 * avg ← avg + (1 − d_t)(w − avg), with d_t = min(decay, (1 + t) / (10 + t))
 * so that the early, still-random weights fade fast. Validation, the kept
 * checkpoint and the final test read the average; training goes on from the
 * live weights. The final checkpoint holds the average, so a run continued
 * or fine-tuned from it starts there (and its average starts afresh).
 * The average is one flat vector over every weight, so an
 * update is a few kernels whatever the number of weights.
 */
export class WeightAverage {
  private average: tf.Variable<tf.Rank.R1> | null = null;
  private updates = 0;

  constructor(
    private readonly model: MtlModel,
    /** The decay d; 0 turns averaging off. */
    readonly decay: number,
  ) {
    if (!(decay >= 0 && decay < 1)) throw new Error(`WeightAverage: the decay must be in [0, 1), got ${decay}`);
    if (decay > 0) this.reset();
  }

  get enabled(): boolean {
    return this.average !== null;
  }

  /** The decay of the coming update (t updates done): small at first, then `decay`. */
  static decayAt(decay: number, t: number): number {
    return Math.min(decay, (1 + t) / (10 + t));
  }

  /** Folds the live weights into the average; call after each optimizer step. */
  update(): void {
    if (!this.average) return;
    const average = this.average;
    const rate = 1 - WeightAverage.decayAt(this.decay, this.updates);
    this.updates++;
    tf.tidy(() => {
      const live = this.flatLive();
      average.assign(tf.add(average, tf.mul(tf.sub(live, average), tf.scalar(rate))));
    });
  }

  /** Starts the average afresh from the live weights (a new run, or the weights restored after a divergence). */
  reset(): void {
    if (this.decay === 0) return;
    this.average?.dispose();
    const live = tf.tidy(() => this.flatLive());
    this.average = tf.variable(live, false);
    live.dispose();
    this.updates = 0;
  }

  /** Runs `fn` with the averaged weights in the model, then puts the live weights back. */
  async withAverage<T>(fn: () => Promise<T>): Promise<T> {
    if (!this.average) return fn();
    const live = this.model.snapshot();
    try {
      this.loadAverage();
      return await fn();
    } finally {
      this.model.restore(live);
      for (const t of live.values()) t.dispose();
    }
  }

  /** Writes the averaged weights into the model for good (a run that ends without a kept checkpoint). */
  loadAverage(): void {
    if (!this.average) return;
    const average = this.average;
    const named = [...this.model.namedWeights()];
    tf.tidy(() => {
      const parts = tf.split(
        average,
        named.map(([, v]) => v.size),
      );
      this.model.assignWeights(
        Object.fromEntries(named.map(([name, v], i) => [name, tf.reshape(parts[i] as tf.Tensor, v.shape)])),
      );
    });
  }

  private flatLive(): tf.Tensor1D {
    return tf.concat([...this.model.namedWeights().values()].map((v) => tf.reshape(v, [-1]))) as tf.Tensor1D;
  }

  dispose(): void {
    this.average?.dispose();
    this.average = null;
  }
}
