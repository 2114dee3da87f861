import type * as tf from '@tensorflow/tfjs';
import type { ParamSet } from './params';

export interface EncoderOptions {
  readonly inputSize: number;
  readonly hiddenSize: number;
  readonly layers: number;
  readonly kernelSize: number;
  readonly attentionHeads: number;
}

/** Maps embedded tokens [B, L, E] and a mask [B, L] to contextual states [B, L, H], zero on padding. */
export interface Encoder {
  readonly params: ParamSet;
  readonly outputSize: number;
  encode(x: tf.Tensor3D, mask: tf.Tensor2D): tf.Tensor3D;
  dispose(): void;
}
