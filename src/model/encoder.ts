import type * as tf from '../tf';
import type { ParamSet } from './params';

export interface EncoderOptions {
  readonly inputSize: number;
  readonly hiddenSize: number;
  /** Layers of the whole encoder stack (a piece may hold only some of them). */
  readonly layers: number;
  readonly kernelSize: number;
  readonly attentionHeads: number;
  /** CNN: layer-normalise each block's output (models saved before it existed have none). */
  readonly normalise?: boolean;
}

/** Layers [from, to) of the stack that one encoder piece owns: partly shared encoders split the stack. */
export interface LayerRange {
  readonly from: number;
  readonly to: number;
}

/**
 * Maps embedded tokens [B, L, E] and a mask [B, L] to contextual states
 * [B, L, H], zero on padding. Layer by layer, so that a stack can be split
 * between a shared part and task parts, read at any layer, or mixed between
 * tasks after each layer (cross-stitch): a whole stack computes
 *   exit(layer(L−1, … layer(0, enter(x))))
 * Parameters keep the stack's layer numbers ("conv1/kernel") whatever piece
 * holds them, so soft sharing and checkpoints pair the same weights.
 */
export interface Encoder {
  readonly params: ParamSet;
  readonly outputSize: number;
  readonly range: LayerRange;
  /** Embeddings to the first layer's input (an input projection, or nothing); only on a piece that starts at layer 0. */
  enter(x: tf.Tensor3D, mask: tf.Tensor2D): tf.Tensor3D;
  /** One layer of this piece: states [B, L, ·] → [B, L, H]. */
  layer(index: number, h: tf.Tensor3D, mask: tf.Tensor2D): tf.Tensor3D;
  /** States as a head reads them (a final normalisation, or nothing), zero on padding. */
  exit(h: tf.Tensor3D, mask: tf.Tensor2D): tf.Tensor3D;
  dispose(): void;
}

export const wholeStack = (options: EncoderOptions): LayerRange => ({ from: 0, to: options.layers });

/** Runs layers [from, to) of an encoder piece. */
export function runLayers(encoder: Encoder, h: tf.Tensor3D, mask: tf.Tensor2D, from: number, to: number): tf.Tensor3D {
  let out = h;
  for (let l = from; l < to; l++) out = encoder.layer(l, out, mask);
  return out;
}

export function checkLayer(range: LayerRange, index: number): void {
  if (index < range.from || index >= range.to)
    throw new Error(`layer ${index} is not in this encoder piece (layers ${range.from}–${range.to - 1})`);
}
