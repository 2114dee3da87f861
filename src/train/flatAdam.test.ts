import * as tf from '../tf';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose } from '../testing/close';
import { useCpuBackend } from '../testing/toy';
import { FlatAdam } from './flatAdam';

beforeAll(useCpuBackend);

describe('FlatAdam', () => {
  it('makes the same updates as tf.train.adam, variable by variable, over several steps', async () => {
    const make = (prefix: string) => [
      tf.variable(
        tf.tensor2d([
          [0.5, -1],
          [2, 0.1],
        ]),
        true,
        `${prefix}kernel`,
      ),
      tf.variable(tf.tensor1d([0.3, -0.2, 0.7]), true, `${prefix}bias`),
    ];
    const ours = make('flat/');
    const theirs = make('tfjs/');
    const flat = new FlatAdam(0.05);
    const adam = tf.train.adam(0.05);
    const loss = (vs: tf.Variable[]) =>
      tf.add(
        tf.sum(tf.square(tf.sub(vs[0] as tf.Variable, 1))),
        tf.sum(tf.mul(vs[1] as tf.Variable, tf.tensor1d([3, -1, 0.5]))),
      ) as tf.Scalar;
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

  it('several groups stepping together make the same updates as each group stepping alone', async () => {
    const make = (prefix: string) => [
      [
        tf.variable(
          tf.tensor2d([
            [0.5, -1],
            [2, 0.1],
          ]),
          true,
          `${prefix}a`,
        ),
        tf.variable(tf.tensor1d([0.3, -0.2]), true, `${prefix}b`),
      ],
      [tf.variable(tf.tensor1d([1, 2, 3]), true, `${prefix}c`)],
    ];
    const together = make('together/');
    const alone = make('alone/');
    const adams = (n: number) => Array.from({ length: n }, () => new FlatAdam(0.05));
    const [t1, t2] = adams(2) as [FlatAdam, FlatAdam];
    const [a1, a2] = adams(2) as [FlatAdam, FlatAdam];
    const gradient = (step: number, size: number) =>
      tf.tensor1d(Array.from({ length: size }, (_, i) => Math.sin(step * 7 + i) * (i + 1)));
    for (let step = 0; step < 4; step++) {
      tf.tidy(() => {
        const g1 = gradient(step, 6);
        const g2 = tf.mul(gradient(step + 11, 3), 3) as tf.Tensor1D;
        const scale = tf.scalar(0.7);
        expect(FlatAdam.inStep([t1, t2])).toBe(true);
        FlatAdam.applyTogether(
          [
            { optimizer: t1, variables: together[0]! },
            { optimizer: t2, variables: together[1]! },
          ],
          tf.concat([g1, g2]),
          scale,
        );
        a1.applyFlat(g1, alone[0]!, scale);
        a2.applyFlat(g2, alone[1]!, scale);
      });
    }
    for (const [i, group] of together.entries()) {
      for (const [j, variable] of group.entries()) expectClose(await variable.data(), await alone[i]![j]!.data(), 1e-6);
    }
    // One group stepping alone puts them out of step: they are then updated one by one.
    tf.tidy(() => t1.applyFlat(gradient(9, 6), together[0]!));
    expect(FlatAdam.inStep([t1, t2])).toBe(false);
    expect(() =>
      FlatAdam.applyTogether(
        [
          { optimizer: t1, variables: together[0]! },
          { optimizer: t2, variables: together[1]! },
        ],
        tf.zeros([9]),
      ),
    ).toThrow(/different numbers of steps/);
    [t1, t2, a1, a2].forEach((o) => o.dispose());
    tf.dispose([...together.flat(), ...alone.flat()]);
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

  it("refuses gradients for a different set of variables than the first step's", () => {
    const vs = tf.tidy(() => [tf.variable(tf.ones([2]), true, 'x'), tf.variable(tf.ones([2]), true, 'y')]);
    const flat = new FlatAdam(0.01);
    tf.tidy(() => flat.applyGradients({ x: tf.onesLike(vs[0]!), y: tf.onesLike(vs[1]!) }, vs));
    expect(() => tf.tidy(() => flat.applyGradients({ x: tf.onesLike(vs[0]!) }, vs))).toThrow(/same 2 variables/);
    flat.dispose();
    tf.dispose(vs);
  });
});
