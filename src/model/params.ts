import * as tf from '../tf';
import type { Random } from '../data/random';

/**
 * Named trainable variables of one model part (an encoder, a head). Local
 * names ("conv0/kernel") let soft sharing pair corresponding weights of
 * different tasks' encoders.
 */
export class ParamSet {
  readonly vars = new Map<string, tf.Variable>();

  constructor(private readonly random: Random) {}

  /** Glorot-uniform weights, as Keras initialises Dense and Conv kernels. */
  glorot(name: string, shape: number[], fanIn: number, fanOut: number): tf.Variable {
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    return this.add(name, tf.randomUniform(shape, -limit, limit, 'float32', this.random.seed()));
  }

  uniform(name: string, shape: number[], limit: number): tf.Variable {
    return this.add(name, tf.randomUniform(shape, -limit, limit, 'float32', this.random.seed()));
  }

  zeros(name: string, shape: number[]): tf.Variable {
    return this.add(name, tf.zeros(shape));
  }

  ones(name: string, shape: number[]): tf.Variable {
    return this.add(name, tf.ones(shape));
  }

  /** A variable holding this tensor (which it takes over and disposes). */
  fromTensor(name: string, init: tf.Tensor): tf.Variable {
    return this.add(name, init);
  }

  get(name: string): tf.Variable {
    const v = this.vars.get(name);
    if (!v) throw new Error(`no parameter named ${name}`);
    return v;
  }

  /** A weight matrix, typed for matMul. */
  matrix(name: string): tf.Tensor2D {
    return this.get(name) as unknown as tf.Tensor2D;
  }

  vector(name: string): tf.Tensor1D {
    return this.get(name) as unknown as tf.Tensor1D;
  }

  get size(): number {
    let n = 0;
    for (const v of this.vars.values()) n += v.size;
    return n;
  }

  dispose(): void {
    for (const v of this.vars.values()) v.dispose();
    this.vars.clear();
  }

  private add(name: string, init: tf.Tensor): tf.Variable {
    if (this.vars.has(name)) throw new Error(`parameter ${name} defined twice`);
    const v = tf.variable(init, true);
    init.dispose();
    this.vars.set(name, v);
    return v;
  }
}
