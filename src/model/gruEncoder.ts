import * as tf from '../tf';
import { checkLayer, wholeStack, type Encoder, type EncoderOptions, type LayerRange } from './encoder';
import { dense3d } from './ops';
import type { ParamSet } from './params';

/**
 * Bidirectional GRU written with ops: the input projections of all time
 * steps are one matMul, and only the recurrent part loops (tf.layers' GRU
 * recomputes both every step: many times the kernels). Each direction has
 * H/2 units so the output is H wide. Padding leaves the state unchanged.
 */
export class BiGruEncoder implements Encoder {
  readonly outputSize: number;
  private readonly units: number;

  constructor(
    readonly params: ParamSet,
    private readonly options: EncoderOptions,
    readonly range: LayerRange = wholeStack(options),
  ) {
    this.units = Math.max(1, Math.floor(options.hiddenSize / 2));
    this.outputSize = this.units * 2;
    const u = this.units;
    for (let l = range.from; l < range.to; l++) {
      const inSize = l === 0 ? options.inputSize : this.outputSize;
      for (const dir of ['fw', 'bw']) {
        params.glorot(`gru${l}/${dir}/input`, [inSize, 3 * u], inSize, 3 * u);
        params.glorot(`gru${l}/${dir}/recurrent`, [u, 3 * u], u, 3 * u);
        params.zeros(`gru${l}/${dir}/inputBias`, [3 * u]);
        params.zeros(`gru${l}/${dir}/recurrentBias`, [3 * u]);
      }
    }
  }

  enter(x: tf.Tensor3D): tf.Tensor3D {
    return x;
  }

  layer(l: number, h: tf.Tensor3D, mask: tf.Tensor2D): tf.Tensor3D {
    checkLayer(this.range, l);
    const fw = this.direction(h, mask, `gru${l}/fw`, false);
    const bw = this.direction(h, mask, `gru${l}/bw`, true);
    return tf.concat([fw, bw], 2);
  }

  exit(h: tf.Tensor3D): tf.Tensor3D {
    return h;
  }

  private direction(x: tf.Tensor3D, mask: tf.Tensor2D, prefix: string, reverse: boolean): tf.Tensor3D {
    const [batch, length] = x.shape;
    const u = this.units;
    const proj = dense3d(x, this.params.matrix(`${prefix}/input`), this.params.vector(`${prefix}/inputBias`));
    const recurrent = this.params.matrix(`${prefix}/recurrent`);
    const recurrentBias = this.params.vector(`${prefix}/recurrentBias`);
    let state: tf.Tensor2D = tf.zeros([batch, u]);
    const outputs: tf.Tensor2D[] = new Array<tf.Tensor2D>(length);
    for (let s = 0; s < length; s++) {
      const t = reverse ? length - 1 - s : s;
      const xt = tf.reshape(tf.slice(proj, [0, t, 0], [-1, 1, -1]), [batch, 3 * u]);
      const ht = tf.add(tf.matMul(state, recurrent), recurrentBias);
      const [xr, xz, xn] = tf.split(xt, 3, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
      const [hr, hz, hn] = tf.split(ht, 3, 1) as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D];
      const reset = tf.sigmoid(tf.add(xr, hr));
      const update = tf.sigmoid(tf.add(xz, hz));
      const candidate = tf.tanh(tf.add(xn, tf.mul(reset, hn)));
      const next = tf.add(tf.mul(tf.sub(1, update), candidate), tf.mul(update, state));
      const m = tf.slice(mask, [0, t], [-1, 1]);
      state = tf.add(tf.mul(m, next), tf.mul(tf.sub(1, m), state));
      outputs[t] = tf.mul(state, m);
    }
    return tf.stack(outputs, 1) as tf.Tensor3D;
  }

  dispose(): void {
    this.params.dispose();
  }
}
