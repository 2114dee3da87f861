import * as tf from '../tf';
import { beforeAll, describe, expect, it } from 'vitest';
import type { EncoderKind } from '../config/experiment';
import { expectClose } from '../testing/close';
import { useCpuBackend } from '../testing/toy';
import { MtlModel } from './mtlModel';
import { testModelSpec as spec } from '../testing/modelSpec';
import type { ModelSpec } from './spec';
import { DEFAULT_AFFIX_ROWS, SHAPE_ROWS } from '../data/tokenFeatures';

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

  it.each<EncoderKind>(['cnn', 'bigru', 'transformer'])(
    '%s: output shapes, and padding does not change real tokens',
    async (encoder) => {
      const model = new MtlModel(spec({ encoder }), 5);
      const ids = tf.tensor2d(
        [
          [3, 4, 5, 0, 0, 0, 0, 0],
          [6, 7, 8, 9, 10, 11, 12, 13],
        ],
        [2, 8],
        'int32',
      );
      const mask = tf.tensor2d(
        [
          [1, 1, 1, 0, 0, 0, 0, 0],
          [1, 1, 1, 1, 1, 1, 1, 1],
        ],
        [2, 8],
      );
      const tagging = model.forward('a', ids, mask);
      const classification = model.forward('b', ids, mask);
      expect(tagging.shape).toEqual([2, 8, 5]);
      expect(classification.shape).toEqual([2, 2]);
      const short = model.forward(
        'a',
        tf.tensor2d([[3, 4, 5, 0]], [1, 4], 'int32'),
        tf.tensor2d([[1, 1, 1, 0]], [1, 4]),
      );
      const shortClass = model.forward(
        'b',
        tf.tensor2d([[3, 4, 5, 0]], [1, 4], 'int32'),
        tf.tensor2d([[1, 1, 1, 0]], [1, 4]),
      );
      expectClose(
        await tf.slice(short, [0, 0, 0], [1, 3, 5]).data(),
        await tf.slice(tagging, [0, 0, 0], [1, 3, 5]).data(),
        1e-5,
      );
      expectClose(await shortClass.data(), await tf.slice(classification, [0, 0], [1, 2]).data(), 1e-5);
      model.dispose();
    },
  );

  it('the same seed gives the same weights', async () => {
    const a = new MtlModel(spec(), 9);
    const b = new MtlModel(spec(), 9);
    const c = new MtlModel(spec(), 10);
    const first = (m: MtlModel) => m.paramGroups()[0]?.vars[1]?.data() as Promise<Float32Array>;
    expect(await first(a)).toEqual(await first(b));
    expect(await first(a)).not.toEqual(await first(c));
    [a, b, c].forEach((m) => m.dispose());
  });

  const batch = () => ({
    ids: tf.tensor2d(
      [
        [3, 4, 5, 0],
        [6, 7, 8, 9],
      ],
      [2, 4],
      'int32',
    ),
    mask: tf.tensor2d(
      [
        [1, 1, 1, 0],
        [1, 1, 1, 1],
      ],
      [2, 4],
    ),
  });

  it('hard sharing of the lowest layer only: each task owns the layers above, under its own name', () => {
    const model = new MtlModel(spec({ sharedLayers: 1 }), 2);
    expect(model.paramGroups().map((g) => g.name)).toEqual([
      'trunk:shared',
      'trunk:a',
      'trunk:b',
      'trunk:c',
      'head:a',
      'head:b',
      'head:c',
    ]);
    const names = [...model.namedWeights().keys()];
    expect(names).toContain('trunk:shared/conv0/kernel');
    expect(names).not.toContain('trunk:shared/conv1/kernel');
    expect(names).toContain('trunk:a/conv1/kernel');
    expect(names.filter((n) => n.endsWith('embedding'))).toEqual(['trunk:shared/embedding']);
    expect(model.paramGroups().find((g) => g.name === 'trunk:a')?.task).toBe('a');
    model.dispose();
  });

  it.each<EncoderKind>(['cnn', 'bigru', 'transformer'])(
    '%s: a head reading layer 1 does not depend on layer 2; one reading layer 2 does',
    async (encoder) => {
      const tasks = [
        { name: 'a', kind: 'tagging' as const, numLabels: 5, readLayer: 1 },
        { name: 'b', kind: 'tagging' as const, numLabels: 3 },
      ];
      const model = new MtlModel(spec({ encoder, tasks }), 4);
      const { ids, mask } = batch();
      const lowBefore = await model.forward('a', ids, mask).data();
      const highBefore = await model.forward('b', ids, mask).data();
      const upper = [...model.namedWeights()].filter(([n]) => /(conv1|gru1|layer1)\//.test(n));
      expect(upper.length).toBeGreaterThan(0);
      for (const [, v] of upper) v.assign(tf.add(v, 0.3));
      expectClose(await model.forward('a', ids, mask).data(), lowBefore, 1e-6);
      expect(await model.forward('b', ids, mask).data()).not.toEqual(highBefore);
      model.dispose();
    },
  );

  it('cross-stitch with α = identity computes exactly what independent encoders (soft sharing, λ = 0) compute', async () => {
    const stitched = new MtlModel(spec({ sharing: 'crossstitch' }), 6);
    const independent = new MtlModel(spec({ sharing: 'soft' }), 6);
    const alphas = [...stitched.namedWeights()].filter(([n]) => n.startsWith('cross-stitch/'));
    expect(alphas.map(([n]) => n)).toEqual(['cross-stitch/layer0/alpha', 'cross-stitch/layer1/alpha']);
    // Initialised 0.9 on the diagonal, 0.1 off it.
    expectClose((await alphas[0]?.[1].data()) as Float32Array, [0.9, 0.1, 0.1, 0.1, 0.9, 0.1, 0.1, 0.1, 0.9], 1e-6);
    // Different columns, so that mixing shows: task b's encoder is shifted in both models.
    for (const m of [stitched, independent])
      m.trunks
        .get('b')
        ?.params.get('conv0/bias')
        .assign(tf.fill([8], 0.2));
    const { ids, mask } = batch();
    const mixed = await stitched.forward('a', ids, mask).data();
    for (const [, v] of alphas) v.assign(tf.eye(3));
    const alone = await independent.forward('a', ids, mask).data();
    expectClose(await stitched.forward('a', ids, mask).data(), alone, 1e-5);
    expect(mixed).not.toEqual(alone);
    stitched.dispose();
    independent.dispose();
  });

  it('cross-stitch units are learned: a task loss has a gradient with respect to every α', async () => {
    const model = new MtlModel(spec({ sharing: 'crossstitch' }), 7);
    model.trunks
      .get('b')
      ?.params.get('conv0/bias')
      .assign(tf.fill([8], 0.2));
    const { ids, mask } = batch();
    const group = model.paramGroups().find((g) => g.name === 'cross-stitch');
    expect(group?.task).toBeUndefined();
    const { grads } = tf.variableGrads(
      () => tf.sum(tf.square(model.forward('a', ids, mask))) as tf.Scalar,
      group?.vars as tf.Variable[],
    );
    for (const g of Object.values(grads)) expect(Math.max(...Array.from(await tf.abs(g).data()))).toBeGreaterThan(0);
    model.dispose();
  });
});

describe('token representations', () => {
  // Two sentences of 3 and 4 tokens, padded to 5; idsPerToken ids per token.
  const mask = () =>
    tf.tensor2d(
      [
        [1, 1, 1, 0, 0],
        [1, 1, 1, 1, 0],
      ],
      [2, 5],
    );
  const idsFor = (k: number, seed: number) => {
    const values = new Int32Array(2 * 5 * k);
    const real = [3, 4];
    for (let r = 0; r < 2; r++)
      for (let t = 0; t < (real[r] as number); t++)
        for (let j = 0; j < k; j++) values[(r * 5 + t) * k + j] = 2 + ((seed + 7 * r + 3 * t + 11 * j) % 25);
    return tf.tensor2d(values, [2, 5 * k], 'int32');
  };

  it.each(['word', 'features', 'chars'] as const)(
    '%s: the embedding has its shape, is zero on padding, and padding length does not change real tokens',
    async (representation) => {
      const model = new MtlModel(spec({ representation }), 3);
      const k = model.idsPerToken;
      const trunk = model.trunks.get('shared');
      const embedding = trunk?.embedding;
      expect(embedding).toBeTruthy();
      const out = embedding?.embed(idsFor(k, 1), mask()) as tf.Tensor3D;
      expect(out.shape).toEqual([2, 5, representation === 'chars' ? 6 + 6 : 6]);
      const values = await out.array();
      expect(values[0]?.[3]?.every((v) => v === 0)).toBe(true);
      expect(values[1]?.[4]?.every((v) => v === 0)).toBe(true);
      const logits = model.forward('a', idsFor(k, 1), mask());
      const shorter = model.forward(
        'a',
        tf.slice(idsFor(k, 1), [0, 0], [1, 4 * k]) as tf.Tensor2D,
        tf.tensor2d([[1, 1, 1, 0]], [1, 4]),
      );
      expectClose(
        await tf.slice(shorter, [0, 0, 0], [1, 3, 5]).data(),
        await tf.slice(logits, [0, 0, 0], [1, 3, 5]).data(),
        1e-5,
      );
      model.dispose();
    },
  );

  it('chars: the character CNN gives [B, L, filters], ignores characters past a word’s end, and sees case', async () => {
    const model = new MtlModel(spec({ representation: 'chars' }), 4);
    const embedding = model.trunks.get('shared')?.embedding;
    const k = model.idsPerToken;
    // One sentence, one word: word id 5, characters 10, 11, then padding.
    const word = (chars: number[]) => {
      const values = new Int32Array(k);
      values[0] = 5;
      chars.forEach((c, i) => (values[1 + i] = c));
      return tf.tensor2d(values, [1, k], 'int32');
    };
    const one = tf.tensor2d([[1]], [1, 1]);
    const plain = await embedding?.embed(word([10, 11]), one).data();
    expect(plain).toHaveLength(6 + 6);
    // A longer word is a different input; the same characters give the same output.
    expect(await embedding?.embed(word([10, 11]), one).data()).toEqual(plain);
    expect(await embedding?.embed(word([10, 11, 12]), one).data()).not.toEqual(plain);
    expect(await embedding?.embed(word([40, 11]), one).data()).not.toEqual(plain);
    model.dispose();
  });

  it.each(['bigru', 'transformer'] as const)(
    '%s reads the wider chars input and the features input',
    async (encoder) => {
      for (const representation of ['chars', 'features'] as const) {
        const model = new MtlModel(spec({ encoder, representation }), 2);
        const k = model.idsPerToken;
        expect(model.forward('a', idsFor(k, 3), mask()).shape).toEqual([2, 5, 5]);
        expect(model.forward('b', idsFor(k, 3), mask()).shape).toEqual([2, 2]);
        model.dispose();
      }
    },
  );

  it('a model saved before representations existed (no representation in its spec) reads word ids', () => {
    const { representation: _, ...old } = spec({ representation: 'features' });
    const model = new MtlModel(old, 1);
    expect(model.idsPerToken).toBe(1);
    expect([...model.namedWeights().keys()].some((n) => n.includes('features/'))).toBe(false);
    model.dispose();
  });

  it("the affix tables have the spec's rows, and 2,039 when the spec was saved before the setting", () => {
    const tableRows = (s: ModelSpec) => {
      const model = new MtlModel(s, 1);
      const rows = model.namedWeights().get('trunk:shared/features/table')?.shape[0];
      model.dispose();
      return rows;
    };
    const { affixRows: _, ...old } = spec({ representation: 'features', affixRows: 97 });
    expect(tableRows(spec({ representation: 'features', affixRows: 97 }))).toBe(2 * 97 + SHAPE_ROWS);
    expect(tableRows(old)).toBe(2 * DEFAULT_AFFIX_ROWS + SHAPE_ROWS);
  });

  it("suffixes '2-4' add two blocks to the feature table and two embeddings to the mix; a spec without the setting has neither", () => {
    const shapes = (s: ModelSpec) => {
      const model = new MtlModel(s, 1);
      const weights = model.namedWeights();
      const out = {
        table: weights.get('trunk:shared/features/table')?.shape[0],
        mix: weights.get('trunk:shared/features/mix/kernel')?.shape[0],
        ids: model.idsPerToken,
      };
      model.dispose();
      return out;
    };
    const withSuffixes = spec({ representation: 'features', affixRows: 97, suffixes: '2-4' });
    const e = withSuffixes.embeddingDim;
    expect(shapes(withSuffixes)).toEqual({ table: 4 * 97 + SHAPE_ROWS, mix: 6 * e, ids: 6 });
    const { suffixes: _, ...old } = withSuffixes;
    expect(shapes(old)).toEqual({ table: 2 * 97 + SHAPE_ROWS, mix: 4 * e, ids: 4 });
  });
});
