import * as tf from '../tf';
import { checkLayer, wholeStack, type Encoder, type EncoderOptions, type LayerRange } from './encoder';
import { applyMask, dense3d, layerNorm, positionEncoding } from './ops';
import type { ParamSet } from './params';

/**
 * A small pre-norm Transformer encoder (tfjs 4.22 has no attention layer):
 * input projection + sinusoidal positions, then per layer multi-head
 * self-attention over unmasked keys and a 2H ReLU feed-forward block.
 */
export class TransformerEncoder implements Encoder {
  readonly outputSize: number;
  private readonly heads: number;
  private readonly positions = new Map<number, tf.Tensor2D>();

  constructor(
    readonly params: ParamSet,
    private readonly options: EncoderOptions,
    readonly range: LayerRange = wholeStack(options),
  ) {
    const h = options.hiddenSize;
    // Heads must divide the width; use the largest count ≤ the setting that does.
    let heads = Math.min(options.attentionHeads, h);
    while (h % heads !== 0) heads--;
    this.heads = heads;
    this.outputSize = h;
    if (range.from === 0) {
      params.glorot('input/kernel', [options.inputSize, h], options.inputSize, h);
      params.zeros('input/bias', [h]);
    }
    for (let l = range.from; l < range.to; l++) {
      params.ones(`layer${l}/norm1/gamma`, [h]);
      params.zeros(`layer${l}/norm1/beta`, [h]);
      params.glorot(`layer${l}/qkv/kernel`, [h, 3 * h], h, 3 * h);
      params.zeros(`layer${l}/qkv/bias`, [3 * h]);
      params.glorot(`layer${l}/out/kernel`, [h, h], h, h);
      params.zeros(`layer${l}/out/bias`, [h]);
      params.ones(`layer${l}/norm2/gamma`, [h]);
      params.zeros(`layer${l}/norm2/beta`, [h]);
      params.glorot(`layer${l}/ff1/kernel`, [h, 2 * h], h, 2 * h);
      params.zeros(`layer${l}/ff1/bias`, [2 * h]);
      params.glorot(`layer${l}/ff2/kernel`, [2 * h, h], 2 * h, h);
      params.zeros(`layer${l}/ff2/bias`, [h]);
    }
    // Every piece normalises what its heads read (pre-norm blocks leave the residual stream unnormalised).
    params.ones('final/gamma', [h]);
    params.zeros('final/beta', [h]);
  }

  enter(x: tf.Tensor3D): tf.Tensor3D {
    if (this.range.from !== 0) throw new Error('only the piece holding layer 0 has the input projection');
    const [, length] = x.shape;
    return tf.add(
      dense3d(x, this.params.matrix('input/kernel'), this.params.vector('input/bias')),
      this.positionTable(length),
    );
  }

  layer(l: number, h: tf.Tensor3D, mask: tf.Tensor2D): tf.Tensor3D {
    checkLayer(this.range, l);
    const p = (name: string) => this.params.matrix(name);
    const v = (name: string) => this.params.vector(name);
    const length = mask.shape[1];
    // Keys that are padding get -1e9 before the softmax: [B, 1, 1, L].
    const keyBias = tf.reshape(tf.mul(tf.sub(1, mask), -1e9), [mask.shape[0], 1, 1, length]);
    const n1 = layerNorm(h, v(`layer${l}/norm1/gamma`), v(`layer${l}/norm1/beta`));
    const attended: tf.Tensor3D = tf.add(h, this.attention(n1, keyBias, l));
    const n2 = layerNorm(attended, v(`layer${l}/norm2/gamma`), v(`layer${l}/norm2/beta`));
    const ff = dense3d(
      dense3d(n2, p(`layer${l}/ff1/kernel`), v(`layer${l}/ff1/bias`), 'relu'),
      p(`layer${l}/ff2/kernel`),
      v(`layer${l}/ff2/bias`),
    );
    return tf.add(attended, ff);
  }

  exit(h: tf.Tensor3D, mask: tf.Tensor2D): tf.Tensor3D {
    return applyMask(layerNorm(h, this.params.vector('final/gamma'), this.params.vector('final/beta')), mask);
  }

  private attention(x: tf.Tensor3D, keyBias: tf.Tensor, layer: number): tf.Tensor3D {
    const [b, l, width] = x.shape;
    const heads = this.heads;
    const dh = width / heads;
    const qkv = dense3d(
      x,
      this.params.matrix(`layer${layer}/qkv/kernel`),
      this.params.vector(`layer${layer}/qkv/bias`),
    );
    const split = (part: number) =>
      tf.transpose(tf.reshape(tf.slice(qkv, [0, 0, part * width], [-1, -1, width]), [b, l, heads, dh]), [0, 2, 1, 3]);
    const [q, k, v] = [split(0), split(1), split(2)];
    const scores = tf.add(tf.mul(tf.matMul(q, k, false, true), 1 / Math.sqrt(dh)), keyBias);
    const context = tf.matMul(tf.softmax(scores), v);
    const merged = tf.reshape(tf.transpose(context, [0, 2, 1, 3]), [b, l, width]) as tf.Tensor3D;
    return dense3d(
      merged,
      this.params.matrix(`layer${layer}/out/kernel`),
      this.params.vector(`layer${layer}/out/bias`),
    );
  }

  /** Cached per length outside any tidy: the same few bucket lengths recur. */
  private positionTable(length: number): tf.Tensor2D {
    let table = this.positions.get(length);
    if (!table) {
      table = tf.keep(positionEncoding(length, this.outputSize));
      this.positions.set(length, table);
    }
    return table;
  }

  dispose(): void {
    this.params.dispose();
    for (const t of this.positions.values()) t.dispose();
    this.positions.clear();
  }
}
