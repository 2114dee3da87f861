import { MtlTrainer } from '../train/trainer';

/**
 * Makes the next training step's learning rate overflow, once, in whatever
 * session trains next in this thread. A session sets the schedule's factor
 * on the rate before every step (the trainer's setLearningRateFactor); its
 * next call takes an infinite factor. No rate the page accepts makes these
 * losses overflow (they are log-softmax based and Adam's step is bounded by
 * the rate): this step throws the weights to ±Infinity and the loss after it
 * is NaN, as in a real divergence. The session's recovery restarts Adam at
 * the user's rate, and later steps set their own factor again.
 *
 * For tests and the training worker's debug entry only: the product has no way to do this.
 */
export function explodeNextLearningRate(): void {
  const trainer = MtlTrainer.prototype;
  const setFactor = trainer.setLearningRateFactor;
  trainer.setLearningRateFactor = function (this: MtlTrainer, factor: number): void {
    trainer.setLearningRateFactor = setFactor;
    setFactor.call(this, factor * Infinity);
  };
}
