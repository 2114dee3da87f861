import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EncoderKind } from '../config/experiment';
import { expectClose } from '../testing/close';
import { useCpuBackend } from '../testing/toy';
import { MtlModel, type ModelSpec } from './mtlModel';

const spec = (overrides: Partial<ModelSpec> = {}): ModelSpec => ({
  sharing: 'hard',
  encoder: 'cnn',
  vocabSize: 30,
  embeddingDim: 6,
  hiddenSize: 8,
  encoderLayers: 2,
  headLayers: 1,
  kernelSize: 3,
  attentionHeads: 2,
  tasks: [
    { name: 'a', kind: 'tagging', numLabels: 5 },
    { name: 'b', kind: 'classification', numLabels: 2 },
    { name: 'c', kind: 'tagging', numLabels: 3 },
  ],
  ...overrides,
});

beforeAll(useCpuBackend);

describe('MtlModel', () => {
  it('hard sharing has one encoder; soft sharing has one per task', () => {
    const hard = new MtlModel(spec(), 1);
    const soft = new MtlModel(spec({ sharing: 'soft' }), 1);
    expect(hard.trunks.size).toBe(1);
    expect(soft.trunks.size).toBe(3);
    expect(hard.heads.size).toBe(3);
    expect(hard.paramGroups().map((g) => g.name)).toEqual(['trunk:shared', 'head:a', 'head:b', 'head:c']);
    hard.dispose();
    soft.dispose();
  });

  it('the soft-sharing penalty is 0 when the encoders are equal and Σ‖θ_i − θ_j‖² otherwise', async () => {
    const model = new MtlModel(spec({ sharing: 'soft', tasks: spec().tasks.slice(0, 2) }), 3);
    // All trunks start from the same seed: equal weights.
    expect(await model.softSharingPenalty().data()).toEqual(new Float32Array([0]));
    const kernel = model.trunks.get('b')?.params.get('conv0/kernel');
    kernel?.assign(tf.add(kernel, 0.5));
    // One kernel differs by 0.5 in each of its (6·3)·8 = 144 entries: 144 · 0.25 = 36.
    expectClose(await model.softSharingPenalty().data(), [36], 1e-3);
    expect(await new MtlModel(spec(), 3).softSharingPenalty().data()).toEqual(new Float32Array([0]));
    model.dispose();
  });

  it.each<EncoderKind>(['cnn', 'bigru', 'transformer'])('%s: output shapes, and padding does not change real tokens', async (encoder) => {
    const model = new MtlModel(spec({ encoder }), 5);
    const ids = tf.tensor2d([[3, 4, 5, 0, 0, 0, 0, 0], [6, 7, 8, 9, 10, 11, 12, 13]], [2, 8], 'int32');
    const mask = tf.tensor2d([[1, 1, 1, 0, 0, 0, 0, 0], [1, 1, 1, 1, 1, 1, 1, 1]], [2, 8]);
    const tagging = model.forward('a', ids, mask);
    const classification = model.forward('b', ids, mask);
    expect(tagging.shape).toEqual([2, 8, 5]);
    expect(classification.shape).toEqual([2, 2]);
    const short = model.forward('a', tf.tensor2d([[3, 4, 5, 0]], [1, 4], 'int32'), tf.tensor2d([[1, 1, 1, 0]], [1, 4]));
    const shortClass = model.forward('b', tf.tensor2d([[3, 4, 5, 0]], [1, 4], 'int32'), tf.tensor2d([[1, 1, 1, 0]], [1, 4]));
    expectClose(await tf.slice(short, [0, 0, 0], [1, 3, 5]).data(), await tf.slice(tagging, [0, 0, 0], [1, 3, 5]).data(), 1e-5);
    expectClose(await shortClass.data(), await tf.slice(classification, [0, 0], [1, 2]).data(), 1e-5);
    model.dispose();
  });

  it('the same seed gives the same weights', async () => {
    const a = new MtlModel(spec(), 9);
    const b = new MtlModel(spec(), 9);
    const c = new MtlModel(spec(), 10);
    const first = (m: MtlModel) => m.paramGroups()[0]?.vars[1]?.data() as Promise<Float32Array>;
    expect(await first(a)).toEqual(await first(b));
    expect(await first(a)).not.toEqual(await first(c));
    [a, b, c].forEach((m) => m.dispose());
  });
});
