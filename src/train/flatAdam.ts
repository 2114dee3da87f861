import * as tf from '@tensorflow/tfjs';
import { flattenGradients } from './weighting/flatten';

const BETA1 = 0.9;
const BETA2 = 0.999;

/**
 * Adam over a fixed list of variables, updated as one flat vector. tfjs's
 * Adam runs about 14 kernels per variable; this runs them once per group on
 * the concatenated gradients, then one slice per variable: on a GPU a step
 * is dominated by kernel launches, not by arithmetic. Same update as
 * tf.train.adam (β1 0.9, β2 0.999, ε of the backend): bias corrections are
 * folded into two scalars computed on the CPU.
 *
 * The variables must come in the same order at every call (checked by
 * name), so a group's state never moves between variables.
 */
export class FlatAdam {
  private names: readonly string[] | null = null;
  private sizes: readonly number[] = [];
  private m: tf.Variable | null = null;
  private v: tf.Variable | null = null;
  private t = 0;

  constructor(private readonly learningRate: number) {}

  /** Updates `variables` from their gradients (by name), optionally scaled (a gradient clip). */
  applyGradients(grads: Readonly<Record<string, tf.Tensor>>, variables: readonly tf.Variable[], scale?: tf.Scalar): void {
    if (Object.keys(grads).length !== variables.length || variables.some((v) => !grads[v.name])) {
      throw new Error(`FlatAdam: the gradients must name the same ${variables.length} variables as the list`);
    }
    tf.tidy(() => this.applyFlat(flattenGradients(variables.map((v) => grads[v.name] as tf.Tensor)), variables, scale));
  }

  /** Updates `variables` from their gradients flattened in the same order (flattenGradients). */
  applyFlat(flat: tf.Tensor1D, variables: readonly tf.Variable[], scale?: tf.Scalar): void {
    if (!this.names) {
      this.names = variables.map((v) => v.name);
      this.sizes = variables.map((v) => v.size);
      const total = this.sizes.reduce((a, b) => a + b, 0);
      // In a tidy: the zeros the variables start from are freed.
      this.m = tf.tidy(() => tf.variable(tf.zeros([total]), false));
      this.v = tf.tidy(() => tf.variable(tf.zeros([total]), false));
    }
    const names = this.names;
    if (variables.length !== names.length || variables.some((v, i) => v.name !== names[i])) {
      throw new Error(`FlatAdam: the gradients must name the same ${names.length} variables at every step`);
    }
    this.t++;
    const m = this.m as tf.Variable;
    const v = this.v as tf.Variable;
    // lr·m̂/(√v̂ + ε) with m̂ = m/(1−β1ᵗ), v̂ = v/(1−β2ᵗ).
    const firstScale = this.learningRate / (1 - BETA1 ** this.t);
    const secondScale = 1 / Math.sqrt(1 - BETA2 ** this.t);
    const epsilon = tf.backend().epsilon();
    tf.tidy(() => {
      const g = scale ? tf.mul(flat, scale) : flat;
      const nextM = tf.add(tf.mul(m, BETA1), tf.mul(g, 1 - BETA1));
      const nextV = tf.add(tf.mul(v, BETA2), tf.mul(tf.square(g), 1 - BETA2));
      const step = tf.mul(tf.div(nextM, tf.add(tf.mul(tf.sqrt(nextV), secondScale), epsilon)), firstScale);
      m.assign(nextM);
      v.assign(nextV);
      const parts = variables.length === 1 ? [step] : tf.split(step, this.sizes as number[]);
      variables.forEach((variable, i) => variable.assign(tf.sub(variable, tf.reshape(parts[i] as tf.Tensor, variable.shape))));
    });
  }

  dispose(): void {
    this.m?.dispose();
    this.v?.dispose();
    this.m = null;
    this.v = null;
  }
}
