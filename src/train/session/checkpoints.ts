import * as tf from '../../tf';
import type { MtlModel } from '../../model/mtlModel';
import type { Checkpoint, TrainingEvent } from '../events';

/**
 * The weights a run keeps besides the live ones: the best validated
 * (restored for the final test) and the last good, whose losses were all
 * finite (where a diverged run goes back to, and what the page keeps for a
 * crashed worker).
 */
export class Checkpoints {
  private best: { step: number; score: number; weights: Map<string, tf.Tensor> } | null = null;
  private lastGood: { step: number; weights: Map<string, tf.Tensor> } | null = null;

  constructor(
    private readonly model: MtlModel,
    private readonly emit: (event: TrainingEvent) => void,
    /** Steps between two last-good checkpoints. */
    private readonly lastGoodEvery: number,
  ) {}

  get bestStep(): number | null {
    return this.best?.step ?? null;
  }

  /** Keeps these weights in the worker (for a divergence) and sends them to the page (for a crash). */
  async keepLastGood(step: number, examples: number): Promise<void> {
    this.disposeLastGood();
    this.lastGood = { step, weights: this.model.snapshot() };
    const { data, specs } = await tf.io.encodeWeights(Object.fromEntries(this.lastGood.weights));
    this.emit({
      type: 'checkpoint',
      checkpoint: { step, examples, weights: data, specs: specs as Checkpoint['specs'] },
    });
  }

  /** keepLastGood, once `lastGoodEvery` steps have passed since the last one kept. */
  async keepLastGoodIfDue(step: number, examples: number): Promise<void> {
    if (this.lastGood && step - this.lastGood.step >= this.lastGoodEvery) await this.keepLastGood(step, examples);
  }

  /** Puts the last good weights back into the model; returns their step. */
  restoreLastGood(): number {
    const restored = this.lastGood as NonNullable<typeof this.lastGood>;
    this.model.restore(restored.weights);
    return restored.step;
  }

  /** Whether a validation `score` beats every earlier one. */
  improves(score: number): boolean {
    return this.best === null || score > this.best.score;
  }

  keepBest(step: number, score: number): void {
    this.disposeBest();
    this.best = { step, score, weights: this.model.snapshot() };
  }

  /** Puts the best weights back into the model, if a validation kept any. */
  restoreBest(): void {
    if (this.best) this.model.restore(this.best.weights);
  }

  /** The weights the run ends with, and its vocabulary: what a saved run keeps, and what fine-tuning starts from. */
  async sendFinal(step: number, examples: number, vocabulary: NonNullable<Checkpoint['vocabulary']>): Promise<void> {
    const { data, specs } = await tf.io.encodeWeights(Object.fromEntries(this.model.namedWeights()));
    this.emit({
      type: 'checkpoint',
      checkpoint: { step, examples, weights: data, specs: specs as Checkpoint['specs'], vocabulary },
    });
  }

  dispose(): void {
    this.disposeBest();
    this.disposeLastGood();
  }

  private disposeLastGood(): void {
    if (!this.lastGood) return;
    for (const t of this.lastGood.weights.values()) t.dispose();
    this.lastGood = null;
  }

  private disposeBest(): void {
    if (!this.best) return;
    for (const t of this.best.weights.values()) t.dispose();
    this.best = null;
  }
}
