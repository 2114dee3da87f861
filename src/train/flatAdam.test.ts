import * as tf from '../tf';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectClose } from '../testing/close';
import { useCpuBackend } from '../testing/toy';
import type { CpuBackend } from '../model/cpuKernels';
import { FUSED_KERNELS, FUSED_KERNELS_FLAG } from '../model/fusedFlag';
import { FlatAdam } from './flatAdam';

/**
 * The two fused Adam kernels of src/worker/webgpuKernels.ts, written plainly
 * for the CPU backend, so FlatAdam's fused path (both moments in one
 * variable [m; v]) runs in Node. Returns a function that removes them.
 */
function registerReferenceAdamKernels(): () => void {
  const read = (backend: unknown, t: tf.TensorInfo | undefined) =>
    (backend as CpuBackend).data.get((t as tf.TensorInfo).dataId).values as Float32Array;
  const output = (backend: unknown, out: Float32Array) =>
    (backend as CpuBackend).makeTensorInfo([out.length], 'float32', out);
  tf.registerKernel({
    kernelName: FUSED_KERNELS.adamMoment,
    backendName: 'cpu',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { offset, beta1, oneMinusBeta1, beta2, oneMinusBeta2 } = attrs as Record<string, number>;
      const [grad, moments, scale] = [inputs.grad, inputs.moments, inputs.scale].map((t) => read(backend, t)) as [
        Float32Array,
        Float32Array,
        Float32Array,
      ];
      const half = moments.length / 2;
      const out = new Float32Array(moments.length);
      for (let i = 0; i < half; i++) {
        const g = grad[offset! + i]! * scale[0]!;
        out[i] = beta1! * moments[i]! + oneMinusBeta1! * g;
        out[half + i] = beta2! * moments[half + i]! + oneMinusBeta2! * g * g;
      }
      return output(backend, out);
    },
  });
  tf.registerKernel({
    kernelName: FUSED_KERNELS.adamParam,
    backendName: 'cpu',
    kernelFunc: ({ inputs, backend, attrs }) => {
      const { offset, firstScale, secondScale, epsilon } = attrs as Record<string, number>;
      const [param, moments] = [read(backend, inputs.param), read(backend, inputs.moments)];
      const half = moments.length / 2;
      const out = param.map((p, i) => {
        const at = offset! + i;
        return p - (moments[at]! / (Math.sqrt(moments[half + at]!) * secondScale! + epsilon!)) * firstScale!;
      });
      return output(backend, out);
    },
  });
  return () => {
    tf.unregisterKernel(FUSED_KERNELS.adamMoment, 'cpu');
    tf.unregisterKernel(FUSED_KERNELS.adamParam, 'cpu');
  };
}

/** One step of FlatAdam on `ours` and of tf.train.adam on `theirs`, from the same loss. */
function stepBoth(
  flat: FlatAdam,
  adam: tf.Optimizer,
  ours: tf.Variable[],
  theirs: tf.Variable[],
  loss: (vs: tf.Variable[]) => tf.Scalar,
): void {
  const a = tf.variableGrads(() => loss(ours), ours);
  flat.applyGradients(a.grads, ours);
  const b = tf.variableGrads(() => loss(theirs), theirs);
  adam.applyGradients(theirs.map((v) => ({ name: v.name, tensor: b.grads[v.name]! })));
  tf.dispose([a.value, b.value, ...Object.values(a.grads), ...Object.values(b.grads)]);
}

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
    for (let step = 0; step < 5; step++) stepBoth(flat, adam, ours, theirs, loss);
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

  it('keeps its moments when a run switches between the fused path and the ops path, both ways', async () => {
    const unregister = registerReferenceAdamKernels();
    try {
      const make = (prefix: string) =>
        tf.tidy(() => [
          tf.variable(tf.tensor1d([0.5, -1, 2, 0.1]), true, `${prefix}w`),
          tf.variable(tf.tensor1d([0.3, -0.2]), true, `${prefix}b`),
        ]);
      const ours = make('switch/');
      const theirs = make('reference/');
      const flat = new FlatAdam(0.05);
      const adam = tf.train.adam(0.05);
      const loss = (vs: tf.Variable[]) =>
        tf.add(
          tf.sum(tf.square(tf.sub(vs[0] as tf.Variable, 1))),
          tf.sum(tf.mul(vs[1] as tf.Variable, tf.tensor1d([3, -1]))),
        ) as tf.Scalar;
      // Fused, fused, ops, ops, fused: the moments are joined into [m; v], split, and joined again.
      const fused = [true, true, false, false, true];
      const counts: number[] = [];
      for (const on of fused) {
        tf.env().set(FUSED_KERNELS_FLAG, on);
        stepBoth(flat, adam, ours, theirs, loss);
        counts.push(tf.memory().numTensors);
      }
      expectClose(await ours[0]!.data(), await theirs[0]!.data(), 1e-5);
      expectClose(await ours[1]!.data(), await theirs[1]!.data(), 1e-5);
      // One variable [m; v] or two, m and v: the count moves by one at each switch and by nothing otherwise.
      expect([
        counts[1]! - counts[0]!,
        counts[2]! - counts[1]!,
        counts[3]! - counts[2]!,
        counts[4]! - counts[3]!,
      ]).toEqual([0, 1, 0, -1]);
      flat.dispose();
      adam.dispose();
      tf.dispose([...ours, ...theirs]);
    } finally {
      tf.env().set(FUSED_KERNELS_FLAG, true);
      unregister();
    }
  });
});
