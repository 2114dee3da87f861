import * as tf from '@tensorflow/tfjs';
import type { Batch } from '../data/batching';
import type { TaskKind } from '../data/types';

export interface BatchTensors {
  /** [B, L × idsPerToken] */
  readonly ids: tf.Tensor2D;
  readonly mask: tf.Tensor2D;
  readonly targets: tf.Tensor;
}

export function batchTensors(batch: Batch, kind: TaskKind): BatchTensors {
  return { ids: tf.tensor2d(batch.ids, [batch.size, batch.length * batch.idsPerToken], 'int32'), ...lossTensors(batch, kind) };
}

/** The mask and targets a task's loss needs (taskLosses takes the ids from a stacked batch). */
export function lossTensors(batch: Batch, kind: TaskKind): Omit<BatchTensors, 'ids'> {
  const shape: [number, number] = [batch.size, batch.length];
  return {
    mask: tf.tensor2d(batch.mask, shape, 'float32'),
    targets: kind === 'tagging' ? tf.tensor2d(batch.targets, shape, 'int32') : tf.tensor1d(batch.targets, 'int32'),
  };
}

/**
 * Summed cross-entropy and the number of terms it sums: tokens under the
 * mask for tagging, examples for classification. The mean is sum / count.
 */
export function crossEntropySum(logits: tf.Tensor, targets: tf.Tensor, mask: tf.Tensor2D, kind: TaskKind): { sum: tf.Scalar; count: tf.Scalar } {
  const classes = logits.shape[logits.shape.length - 1] as number;
  const logProbs = tf.logSoftmax(logits);
  const picked = tf.sum(tf.mul(logProbs, tf.oneHot(targets as tf.Tensor1D, classes)), -1);
  if (kind === 'tagging') return { sum: tf.neg(tf.sum(tf.mul(picked, mask))), count: tf.sum(mask) };
  // A row with no tokens is padding added to fill a batch: it does not count.
  const rowMask = tf.max(mask, 1);
  return { sum: tf.neg(tf.sum(tf.mul(picked, rowMask))), count: tf.sum(rowMask) };
}

/** Mean masked cross-entropy J_i of one task's batch. */
export function taskLoss(logits: tf.Tensor, tensors: Pick<BatchTensors, 'mask' | 'targets'>, kind: TaskKind): tf.Scalar {
  const { sum, count } = crossEntropySum(logits, tensors.targets, tensors.mask, kind);
  return tf.div(sum, tf.maximum(count, 1));
}
