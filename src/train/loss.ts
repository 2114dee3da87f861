import * as tf from '../tf';
import type { Batch } from '../data/batching';
import type { LossKind, TaskKind } from '../data/types';
import { idsTensor } from '../model/rowLookup';
import { fusedLossOn, weightedNll } from '../model/fusedKernels';
import { targetLogProbs } from '../model/ops';

export interface BatchTensors {
  /** [B, L × idsPerToken] */
  readonly ids: tf.Tensor2D;
  readonly mask: tf.Tensor2D;
  readonly targets: tf.Tensor;
  /** Each target's share of the mean loss [N] (fusedLossWeights), uploaded only where the loss runs fused. */
  readonly lossWeights?: tf.Tensor1D;
}

export function batchTensors(batch: Batch, kind: TaskKind, lossScale = 1): BatchTensors {
  return {
    ids: idsTensor(batch.ids, [batch.size, batch.length * batch.idsPerToken]),
    ...lossTensors(batch, kind, lossScale),
  };
}

/**
 * The mask and targets a task's loss needs (taskLosses takes the ids from a
 * stacked batch). Where the loss runs fused, `lossScale` multiplies its
 * weights: the loss comes out as lossScale·J (a task weight w_i at no kernel).
 */
export function lossTensors(batch: Batch, kind: TaskKind, lossScale = 1): Omit<BatchTensors, 'ids'> {
  const shape: [number, number] = [batch.size, batch.length];
  return {
    mask: tf.tensor2d(batch.mask, shape, 'float32'),
    targets: kind === 'tagging' ? tf.tensor2d(batch.targets, shape, 'int32') : tf.tensor1d(batch.targets, 'int32'),
    ...(fusedLossOn()
      ? {
          lossWeights: tf.tensor1d(
            fusedLossWeights(batch, kind).map((w) => w * lossScale),
            'float32',
          ),
        }
      : {}),
  };
}

/**
 * Each target's weight in the task's mean loss, computed here from the
 * batch's mask rather than on the device: 1/count for every real token
 * (tagging) or every non-empty row (classification), 0 elsewhere. The
 * fused loss is then one weighted sum, with no kernels for the count.
 */
export function fusedLossWeights(batch: Batch, kind: TaskKind): Float32Array {
  const counted =
    kind === 'tagging'
      ? Float32Array.from(batch.mask)
      : Float32Array.from({ length: batch.size }, (_, r) =>
          batch.mask.subarray(r * batch.length, (r + 1) * batch.length).some((m) => m > 0) ? 1 : 0,
        );
  const count = counted.reduce((a, b) => a + b, 0);
  return counted.map((m) => m / Math.max(count, 1));
}

/**
 * The language-model helper's targets from its per-token classes [B, L]
 * (each token's own word): the next word's class at t is the class at t+1,
 * the previous word's is the class at t−1. A position counts only when both
 * it and that neighbour are real tokens, so padding and the sentence's ends
 * (no next word after the last, none before the first) are masked.
 */
export function languageModelTargets(
  ownWords: tf.Tensor2D,
  mask: tf.Tensor2D,
): { next: tf.Tensor2D; nextMask: tf.Tensor2D; previous: tf.Tensor2D; previousMask: tf.Tensor2D } {
  const length = ownWords.shape[1];
  if (length < 2)
    return { next: ownWords, nextMask: tf.zerosLike(mask), previous: ownWords, previousMask: tf.zerosLike(mask) };
  const tail = (x: tf.Tensor2D) => tf.slice(x, [0, 1], [-1, length - 1]);
  const head = (x: tf.Tensor2D) => tf.slice(x, [0, 0], [-1, length - 1]);
  // Shifted by one; the position that falls off an end gets 0 (a masked class, any id would do).
  const shiftLeft = (x: tf.Tensor2D) =>
    tf.pad(tail(x), [
      [0, 0],
      [0, 1],
    ]);
  const shiftRight = (x: tf.Tensor2D) =>
    tf.pad(head(x), [
      [0, 0],
      [1, 0],
    ]);
  return {
    next: shiftLeft(ownWords),
    nextMask: tf.mul(mask, shiftLeft(mask)),
    previous: shiftRight(ownWords),
    previousMask: tf.mul(mask, shiftRight(mask)),
  };
}

/** Summed log-probability of `targets` under `logits` [B, L, C], masked. */
function maskedLogLikelihood(logits: tf.Tensor, targets: tf.Tensor, mask: tf.Tensor): tf.Scalar {
  return tf.sum(tf.mul(targetLogProbs(logits, targets), mask));
}

/** The helper's logits [B, L, 2K] as next-word and previous-word logits [B, L, K] each. */
export function splitLanguageModelLogits(logits: tf.Tensor): [tf.Tensor3D, tf.Tensor3D] {
  return tf.split(logits as tf.Tensor3D, 2, 2) as [tf.Tensor3D, tf.Tensor3D];
}

/**
 * Summed cross-entropy and the number of terms it sums: tokens under the
 * mask for tagging, examples for classification, both neighbours of every
 * token that has them for a language-model helper. The mean is sum / count.
 */
export function crossEntropySum(
  logits: tf.Tensor,
  targets: tf.Tensor,
  mask: tf.Tensor2D,
  kind: LossKind,
): { sum: tf.Scalar; count: tf.Scalar } {
  if (kind === 'language-model') {
    const t = languageModelTargets(targets as tf.Tensor2D, mask);
    const [next, previous] = splitLanguageModelLogits(logits);
    const sum = tf.neg(
      tf.add(maskedLogLikelihood(next, t.next, t.nextMask), maskedLogLikelihood(previous, t.previous, t.previousMask)),
    ) as tf.Scalar;
    return { sum, count: tf.add(tf.sum(t.nextMask), tf.sum(t.previousMask)) as tf.Scalar };
  }
  const picked = targetLogProbs(logits, targets);
  if (kind === 'tagging') return { sum: tf.neg(tf.sum(tf.mul(picked, mask))), count: tf.sum(mask) };
  // A row with no tokens is padding added to fill a batch: it does not count.
  const rowMask = tf.max(mask, 1);
  return { sum: tf.neg(tf.sum(tf.mul(picked, rowMask))), count: tf.sum(rowMask) };
}

/** Mean masked cross-entropy J_i of one task's batch. */
export function taskLoss(
  logits: tf.Tensor,
  tensors: Pick<BatchTensors, 'mask' | 'targets' | 'lossWeights'>,
  kind: LossKind,
): tf.Scalar {
  if (tensors.lossWeights && kind !== 'language-model') {
    const classes = logits.shape[logits.shape.length - 1] as number;
    return weightedNll(
      tf.reshape(logits, [-1, classes]) as tf.Tensor2D,
      tf.reshape(tensors.targets, [-1]) as tf.Tensor1D,
      tensors.lossWeights,
    );
  }
  const { sum, count } = crossEntropySum(logits, tensors.targets, tensors.mask, kind);
  return tf.div(sum, tf.maximum(count, 1));
}
