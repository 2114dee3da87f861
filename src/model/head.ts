import * as tf from '@tensorflow/tfjs';
import type { TaskKind } from '../data/types';
import { dense3d } from './ops';
import type { ParamSet } from './params';

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

  /** states [B, L, H] → logits [B, L, C] (tagging) or [B, C] (classification). */
  logits(states: tf.Tensor3D, mask: tf.Tensor2D): tf.Tensor {
    if (this.kind === 'tagging') return this.layers(states);
    const [b, , h] = states.shape;
    const m = tf.expandDims(mask, 2);
    const mean = tf.div(tf.sum(tf.mul(states, m), 1), tf.maximum(tf.sum(m, 1), 1));
    // Padding gets a large negative value so it never wins the max.
    const max = tf.max(tf.add(states, tf.mul(tf.sub(m, 1), 1e9)), 1);
    const pooled = tf.reshape(tf.concat([mean, max], 1), [b, 1, 2 * h]) as tf.Tensor3D;
    return tf.reshape(this.layers(pooled), [b, this.numLabels]);
  }

  private layers(x: tf.Tensor3D): tf.Tensor3D {
    let h = x;
    for (let d = 0; d < this.depth; d++) {
      h = tf.relu(dense3d(h, this.params.matrix(`hidden${d}/kernel`), this.params.vector(`hidden${d}/bias`)));
    }
    return dense3d(h, this.params.matrix('output/kernel'), this.params.vector('output/bias'));
  }

  dispose(): void {
    this.params.dispose();
  }
}
