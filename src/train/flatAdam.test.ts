import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose } from '../testing/close';
import { useCpuBackend } from '../testing/toy';
import { FlatAdam } from './flatAdam';

beforeAll(useCpuBackend);

describe('FlatAdam', () => {
  it('makes the same updates as tf.train.adam, variable by variable, over several steps', async () => {
    const make = (prefix: string) => [
      tf.variable(tf.tensor2d([[0.5, -1], [2, 0.1]]), true, `${prefix}kernel`),
      tf.variable(tf.tensor1d([0.3, -0.2, 0.7]), true, `${prefix}bias`),
    ];
    const ours = make('flat/');
    const theirs = make('tfjs/');
    const flat = new FlatAdam(0.05);
    const adam = tf.train.adam(0.05);
    const loss = (vs: tf.Variable[]) => tf.add(tf.sum(tf.square(tf.sub(vs[0] as tf.Variable, 1))), tf.sum(tf.mul(vs[1] as tf.Variable, tf.tensor1d([3, -1, 0.5])))) as tf.Scalar;
    for (let step = 0; step < 5; step++) {
      const a = tf.variableGrads(() => loss(ours), ours);
      flat.applyGradients(a.grads, ours);
      const b = tf.variableGrads(() => loss(theirs), theirs);
      adam.applyGradients(theirs.map((v) => ({ name: v.name, tensor: b.grads[v.name]! })));
      tf.dispose([a.value, b.value, ...Object.values(a.grads), ...Object.values(b.grads)]);
    }
    expectClose(await ours[0]!.data(), await theirs[0]!.data(), 1e-5);
    expectClose(await ours[1]!.data(), await theirs[1]!.data(), 1e-5);
    // The variables did move.
    expect(Array.from(await ours[1]!.data())).not.toEqual([0.3, -0.2, 0.7]);
    flat.dispose();
    adam.dispose();
    tf.dispose([...ours, ...theirs]);
  });

  it('keeps the tensor count flat from step to step and frees its state', () => {
    const before = tf.memory().numTensors;
    const vs = tf.tidy(() => [tf.variable(tf.ones([4, 3]), true, 'a'), tf.variable(tf.ones([3]), true, 'b')]);
    const flat = new FlatAdam(0.01);
    const counts: number[] = [];
    for (let i = 0; i < 4; i++) {
      tf.tidy(() => flat.applyGradients({ a: tf.onesLike(vs[0]!), b: tf.onesLike(vs[1]!) }, vs));
      counts.push(tf.memory().numTensors);
    }
    expect(new Set(counts).size).toBe(1);
    flat.dispose();
    tf.dispose(vs);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses gradients for a different set of variables than the first step\'s', () => {
    const vs = tf.tidy(() => [tf.variable(tf.ones([2]), true, 'x'), tf.variable(tf.ones([2]), true, 'y')]);
    const flat = new FlatAdam(0.01);
    tf.tidy(() => flat.applyGradients({ x: tf.onesLike(vs[0]!), y: tf.onesLike(vs[1]!) }, vs));
    expect(() => tf.tidy(() => flat.applyGradients({ x: tf.onesLike(vs[0]!) }, vs))).toThrow(/same 2 variables/);
    flat.dispose();
    tf.dispose(vs);
  });
});
