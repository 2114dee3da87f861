import * as tf from '../tf';
import type { TaskKind } from '../data/types';
import { maskedMeanMax } from './fusedKernels';
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
    const pooled = tf.reshape(maskedMeanMax(states, mask), [b, 1, 2 * h]) as tf.Tensor3D;
    return tf.reshape(this.layers(pooled, dropout), [b, this.numLabels]);
  }

  /** Σ‖W‖² over the head's kernels (not biases): what L2 weight decay penalises. */
  kernelNorm(): tf.Scalar {
    const kernels = [...this.params.vars.entries()]
      .filter(([name]) => name.endsWith('/kernel'))
      .map(([, v]) => tf.sum(tf.square(v)));
    return tf.sum(tf.stack(kernels)) as tf.Scalar;
  }

  private layers(x: tf.Tensor3D, dropout?: TrainingDropout): tf.Tensor3D {
    const drop = (t: tf.Tensor3D, k: number) =>
      dropout && dropout.head > 0 ? (tf.dropout(t, dropout.head, undefined, dropout.seed + k) as tf.Tensor3D) : t;
    let h = drop(x, 0);
    for (let d = 0; d < this.depth; d++) {
      h = drop(
        dense3d(h, this.params.matrix(`hidden${d}/kernel`), this.params.vector(`hidden${d}/bias`), 'relu'),
        d + 1,
      );
    }
    return dense3d(h, this.params.matrix('output/kernel'), this.params.vector('output/bias'));
  }

  dispose(): void {
    this.params.dispose();
  }
}

/**
 * The language-model helper's head (after Rei 2017): a linear softmax layer
 * over the forward half of each state predicts the next word, another over
 * the backward half the previous word. The halves are kept apart (no hidden
 * layer mixes them): a mixed state would have seen the word it predicts.
 * logits → [B, L, 2K]: next-word logits, then previous-word logits.
 */
export class LanguageModelHead {
  readonly kind = 'tagging' as const;
  readonly languageModel = true;
  private readonly half: number;

  constructor(
    readonly params: ParamSet,
    inputSize: number,
    readonly numLabels: number,
  ) {
    this.half = Math.floor(inputSize / 2);
    for (const side of ['next', 'previous']) {
      params.glorot(`${side}/kernel`, [this.half, numLabels], this.half, numLabels);
      params.zeros(`${side}/bias`, [numLabels]);
    }
  }

  logits(states: tf.Tensor3D, _mask: tf.Tensor2D, dropout?: TrainingDropout): tf.Tensor {
    const drop = (t: tf.Tensor3D, k: number) =>
      dropout && dropout.head > 0 ? (tf.dropout(t, dropout.head, undefined, dropout.seed + k) as tf.Tensor3D) : t;
    const forward = drop(tf.slice(states, [0, 0, 0], [-1, -1, this.half]), 0);
    const backward = drop(tf.slice(states, [0, 0, this.half], [-1, -1, this.half]), 1);
    const next = dense3d(forward, this.params.matrix('next/kernel'), this.params.vector('next/bias'));
    const previous = dense3d(backward, this.params.matrix('previous/kernel'), this.params.vector('previous/bias'));
    return tf.concat([next, previous], 2);
  }

  kernelNorm(): tf.Scalar {
    return tf.add(
      tf.sum(tf.square(this.params.matrix('next/kernel'))),
      tf.sum(tf.square(this.params.matrix('previous/kernel'))),
    );
  }

  dispose(): void {
    this.params.dispose();
  }
}
