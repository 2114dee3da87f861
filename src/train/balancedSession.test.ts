import * as tf from '../tf';
import { beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, validateExperiment } from '../config/validate';
import { tinyData, tinyExperiment, useCpuBackend } from '../testing/toy';
import type { LossPoint, TrainingEvent } from './events';
import { TrainingSession } from './session';
import { WEIGHTING_METHODS } from './weighting';

beforeAll(useCpuBackend);

async function train(overrides: Record<string, unknown>) {
  const config = tinyExperiment({ steps: 12, emitEvery: 4, evalEvery: 100, ...overrides });
  const events: TrainingEvent[] = [];
  const session = new TrainingSession(config, tinyData(config), (e) => events.push(e));
  await session.run();
  const tensors = tf.memory().numTensors;
  session.dispose();
  const points: LossPoint[] = events.flatMap((e) => (e.type === 'progress' ? e.points : []));
  return { points, events, tensors };
}

describe('training with a weighting method', () => {
  it.each(WEIGHTING_METHODS)(
    '%s: finite losses, effective weights every step, cosines where measured',
    async (weighting) => {
      const { points } = await train({ weighting, interactionEvery: 3 });
      expect(points).toHaveLength(12);
      for (const p of points) {
        expect(Object.values(p.losses).every(Number.isFinite)).toBe(true);
        expect(Object.keys(p.weights ?? {}).sort()).toEqual(['ner', 'pos', 'sentiment']);
        expect(Object.values(p.weights ?? {}).every((w) => Number.isFinite(w) && w >= 0)).toBe(true);
      }
      const measured = points.filter((p) => p.cosines);
      // PCGrad and GradNorm have the per-task gradients at every step; others every 3rd.
      expect(measured.length).toBe(weighting === 'pcgrad' || weighting === 'gradnorm' ? 12 : 4);
      for (const p of measured) {
        expect(Object.keys(p.cosines ?? {}).sort()).toEqual(['ner·pos', 'sentiment·ner', 'sentiment·pos'].sort());
        for (const c of Object.values(p.cosines ?? {})) expect(Math.abs(c)).toBeLessThanOrEqual(1 + 1e-5);
        const shares = Object.values(p.shares ?? {});
        expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
      }
    },
  );

  it('equal weights are all 1; uncertainty weights start at 1/(2·e^-0.5) and move', async () => {
    expect(
      new Set((await train({ weighting: 'equal' })).points.flatMap((p) => Object.values(p.weights ?? {}))),
    ).toEqual(new Set([1]));
    const { points } = await train({ weighting: 'uncertainty', learningRate: 0.05 });
    expect(points[0]?.weights?.ner).toBeCloseTo(0.5 * Math.exp(0.5), 2);
    expect(points.at(-1)?.weights?.ner).not.toBeCloseTo(0.5 * Math.exp(0.5), 3);
  });

  it('GradNorm keeps its weights summing to the number of tasks', async () => {
    const { points } = await train({ weighting: 'gradnorm' });
    for (const p of points) expect(Object.values(p.weights ?? {}).reduce((a, b) => a + b, 0)).toBeCloseTo(3, 3);
  });

  it('a task weighted 0 keeps its curve and never reads as a divergence: on measured steps, and when the schedule picks it alone', async () => {
    for (const overrides of [{ interactionEvery: 2 }, { schedule: 'roundrobin' }, { weighting: 'pcgrad' }]) {
      const { points, events } = await train({ weights: { sentiment: 0, ner: 1, pos: 1 }, ...overrides });
      expect(
        events.filter((e) => e.type === 'diverged'),
        JSON.stringify(overrides),
      ).toEqual([]);
      expect(points, JSON.stringify(overrides)).toHaveLength(12);
      for (const p of points) {
        expect(Object.values(p.losses).every(Number.isFinite), `step ${p.step}`).toBe(true);
        expect(Number.isFinite(p.total), `step ${p.step}`).toBe(true);
      }
      const sentiment = points.filter((p) => 'sentiment' in p.losses);
      expect(sentiment.length, 'the task weighted 0 still has its curve').toBeGreaterThan(0);
      // Where it was the only task scheduled, nothing was trained: J = 0.
      for (const p of sentiment) if (Object.keys(p.losses).length === 1) expect(p.total).toBe(0);
    }
  });

  it('round-robin trains one task a step, in turn, and reports which', async () => {
    const { points } = await train({ schedule: 'roundrobin' });
    expect(points.map((p) => p.trained?.[0])).toEqual(
      Array.from({ length: 12 }, (_, i) => ['sentiment', 'ner', 'pos'][(i + 1) % 3]),
    );
    for (const p of points) expect(Object.keys(p.losses)).toEqual(p.trained);
  });

  it.each(WEIGHTING_METHODS)(
    '%s does not grow the tensor count from step to step, and frees everything at the end',
    async (weighting) => {
      const before = tf.memory().numTensors;
      const { events } = await train({ weighting, steps: 24, interactionEvery: 2, headDecay: 0.01 });
      const counts = events.flatMap((e) => (e.type === 'progress' ? [e.tensors] : []));
      // After the first windows (optimizer state, FAMO's and GradNorm's first losses), the count is flat.
      expect(counts.slice(2)).toEqual(counts.slice(2).map(() => counts[2]));
      expect(tf.memory().numTensors).toBe(before);
    },
  );

  it('refuses combinations a method cannot run with', () => {
    const base = {
      tasks: [
        { name: 'a', kind: 'tagging', format: 'conllu' },
        { name: 'b', kind: 'tagging', format: 'conllu' },
      ],
    };
    expect(() => validateExperiment({ ...base, weighting: 'pcgrad', sharing: 'soft' })).toThrow(ConfigError);
    expect(() => validateExperiment({ ...base, weighting: 'famo', schedule: 'roundrobin' })).toThrow(
      /needs every task at every step/,
    );
    expect(validateExperiment({ ...base, weighting: 'dwa', schedule: 'temperature' }).schedule).toBe('temperature');
  });
});

describe('richer sharing', () => {
  const readLow = (tasks: readonly Record<string, unknown>[]) =>
    tasks.map((t) => (t.name === 'pos' ? { ...t, readLayer: 1 } : t));

  it.each([
    [
      'partly shared hard sharing with PCGrad (own upper layers get their updates)',
      { encoderLayers: 2, sharedLayers: 1, weighting: 'pcgrad' },
    ],
    ['POS read at layer 1, the others at layer 2', { encoderLayers: 2, readLow: true }],
    ['cross-stitch', { encoderLayers: 2, sharing: 'crossstitch' }],
  ])('%s: trains with falling losses, a flat tensor count, and frees everything', async (_name, overrides) => {
    const before = tf.memory().numTensors;
    const { readLow: low, ...rest } = overrides as Record<string, unknown>;
    const config = tinyExperiment({ steps: 40, emitEvery: 8, evalEvery: 100, learningRate: 0.02, ...rest });
    const withReads = low
      ? tinyExperiment({
          steps: 40,
          emitEvery: 8,
          evalEvery: 100,
          learningRate: 0.02,
          ...rest,
          tasks: readLow(config.tasks as unknown as Record<string, unknown>[]),
        })
      : config;
    const events: TrainingEvent[] = [];
    const session = new TrainingSession(withReads, tinyData(withReads), (e) => events.push(e));
    const initial = new Map([...session.model.namedWeights()].map(([n, v]) => [n, v.dataSync().slice()]));
    await session.run();
    // Every parameter moved: no layer is left out of the update.
    for (const [name, v] of session.model.namedWeights())
      expect(Array.from(v.dataSync()), name).not.toEqual(Array.from(initial.get(name) ?? []));
    session.dispose();
    const points = events.flatMap((e) => (e.type === 'progress' ? e.points : []));
    const counts = events.flatMap((e) => (e.type === 'progress' ? [e.tensors] : []));
    expect(counts.slice(2)).toEqual(counts.slice(2).map(() => counts[2]));
    expect(tf.memory().numTensors).toBe(before);
    const mean = (ps: typeof points) => ps.reduce((a, p) => a + (p.losses.pos ?? 0), 0) / ps.length;
    expect(mean(points.slice(-8))).toBeLessThan(mean(points.slice(0, 8)));
  });

  it('refuses layer choices that cannot work, saying why', () => {
    const base = {
      tasks: [
        { name: 'a', kind: 'tagging', format: 'conllu', readLayer: 1 },
        { name: 'b', kind: 'tagging', format: 'conllu', readLayer: 1 },
      ],
      encoderLayers: 2,
    };
    expect(() => validateExperiment(base)).toThrow(
      /no head reads above layer 1, so shared layers 2–2 would never train/,
    );
    expect(validateExperiment({ ...base, sharedLayers: 1 }).sharedLayers).toBe(1);
    expect(() => validateExperiment({ ...base, sharedLayers: 3 })).toThrow(
      /3 shared layers asked for, but the encoder has 2/,
    );
    expect(() => validateExperiment({ ...base, sharing: 'soft' })).toThrow(/choices of hard sharing/);
    expect(() =>
      validateExperiment({ tasks: base.tasks.map((t) => ({ ...t, readLayer: 3 })), encoderLayers: 2 }),
    ).toThrow(/reads layer 3, but the encoder has 2/);
  });
});

describe('regularising the task-specific layers', () => {
  const headNorm = async (overrides: Record<string, unknown>) => {
    const config = tinyExperiment({ steps: 30, emitEvery: 10, evalEvery: 100, headLayers: 1, ...overrides });
    const session = new TrainingSession(config, tinyData(config), () => undefined);
    await session.run();
    const norm = (session as unknown as { model: { head: (t: string) => { kernelNorm: () => tf.Scalar } } }).model
      .head('ner')
      .kernelNorm();
    const value = (await norm.data())[0] as number;
    norm.dispose();
    session.dispose();
    return value;
  };

  it('L2 decay keeps the head kernels smaller than without it', async () => {
    expect(await headNorm({ headDecay: 0.5 })).toBeLessThan(0.8 * (await headNorm({ headDecay: 0 })));
  });

  it('dropout changes the training losses and stays reproducible for a seed', async () => {
    const losses = async (headDropout: number) =>
      (await train({ headDropout, headLayers: 1 })).points.map((p) => p.losses.ner);
    const off = await losses(0);
    const on = await losses(0.5);
    expect(on).not.toEqual(off);
    expect(await losses(0.5)).toEqual(on);
  });
});
