import * as tf from '@tensorflow/tfjs';
import type { TaskKind } from '../data/types';
import { dense3d } from './ops';
import type { ParamSet } from './params';

/** Dropout rates of one training forward pass; the seed changes every call. */
export interface TrainingDropout {
  /** On the task's head: its inputs and hidden layers. */
  readonly head: number;
  /** On the trunk: the token representation and each encoder layer's output. */
  readonly trunk: number;
  readonly seed: number;
}

/**
 * A task's own layers: `depth` hidden ReLU layers, then a linear output.
 * Tagging reads every token's state; classification pools the sentence
 * (masked mean and max, concatenated) first.
 */
export class TaskHead {
  constructor(
    readonly params: ParamSet,
    readonly kind: TaskKind,
    inputSize: number,
    private readonly depth: number,
    readonly numLabels: number,
  ) {
    let size = kind === 'classification' ? 2 * inputSize : inputSize;
    for (let d = 0; d < depth; d++) {
      params.glorot(`hidden${d}/kernel`, [size, inputSize], size, inputSize);
      params.zeros(`hidden${d}/bias`, [inputSize]);
      size = inputSize;
    }
    params.glorot('output/kernel', [size, numLabels], size, numLabels);
    params.zeros('output/bias', [numLabels]);
  }

  /**
   * states [B, L, H] → logits [B, L, C] (tagging) or [B, C] (classification).
   * With `dropout` (training only), the head's inputs and hidden layers are
   * dropped at that rate; the seed changes every step.
   */
  logits(states: tf.Tensor3D, mask: tf.Tensor2D, dropout?: TrainingDropout): tf.Tensor {
    if (this.kind === 'tagging') return this.layers(states, dropout);
    const [b, , h] = states.shape;
    const m = tf.expandDims(mask, 2);
    const mean = tf.div(tf.sum(tf.mul(states, m), 1), tf.maximum(tf.sum(m, 1), 1));
    // Padding gets a large negative value so it never wins the max.
    const max = tf.max(tf.add(states, tf.mul(tf.sub(m, 1), 1e9)), 1);
    const pooled = tf.reshape(tf.concat([mean, max], 1), [b, 1, 2 * h]) as tf.Tensor3D;
    return tf.reshape(this.layers(pooled, dropout), [b, this.numLabels]);
  }

  /** Σ‖W‖² over the head's kernels (not biases): what L2 weight decay penalises. */
  kernelNorm(): tf.Scalar {
    const kernels = [...this.params.vars.entries()].filter(([name]) => name.endsWith('/kernel')).map(([, v]) => tf.sum(tf.square(v)));
    return tf.sum(tf.stack(kernels)) as tf.Scalar;
  }

  private layers(x: tf.Tensor3D, dropout?: TrainingDropout): tf.Tensor3D {
    const drop = (t: tf.Tensor3D, k: number) => (dropout && dropout.head > 0 ? (tf.dropout(t, dropout.head, undefined, dropout.seed + k) as tf.Tensor3D) : t);
    let h = drop(x, 0);
    for (let d = 0; d < this.depth; d++) {
      h = drop(tf.relu(dense3d(h, this.params.matrix(`hidden${d}/kernel`), this.params.vector(`hidden${d}/bias`))), d + 1);
    }
    return dense3d(h, this.params.matrix('output/kernel'), this.params.vector('output/bias'));
  }

  dispose(): void {
    this.params.dispose();
  }
}
