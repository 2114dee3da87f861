import { describe, expect, it } from 'vitest';
import { IDLE, pointLog, reduce, RunStore, stepInFlight, type RunState } from './runStore';

const point = (step: number) => ({ step, examples: step * 8, losses: { ner: 1 / step }, total: 1 / step });

describe('run store', () => {
  it('appends streamed points as deltas', () => {
    let s = reduce(IDLE, {
      kind: 'event',
      event: { type: 'progress', points: [point(1), point(2)], epochs: { ner: 0.1 }, msPerStep: 100, tensors: 10 },
    });
    s = reduce(s, {
      kind: 'event',
      event: { type: 'progress', points: [point(3)], epochs: { ner: 0.2 }, msPerStep: 90, tensors: 10 },
    });
    expect(s.points.map((p) => p.step)).toEqual([1, 2, 3]);
    expect(s.msPerStep).toBe(90);
  });

  it('Step marks the next step, which is in flight until its point arrives; a new run forgets the marks', () => {
    const store = new RunStore();
    store.apply({
      kind: 'event',
      event: { type: 'progress', points: [point(1), point(2)], epochs: {}, msPerStep: 100, tensors: 10 },
    });
    store.markStep();
    store.markStep(); // a second press before the point: still one step asked for
    expect(store.get().steppedAt).toEqual([3]);
    expect(stepInFlight(store.get())).toBe(true);
    store.apply({
      kind: 'event',
      event: { type: 'progress', points: [point(3)], epochs: {}, msPerStep: 100, tensors: 10 },
    });
    expect(stepInFlight(store.get())).toBe(false);
    store.markStep();
    expect(store.get().steppedAt).toEqual([3, 4]);
    store.reset();
    expect(store.get().steppedAt).toEqual([]);
  });

  it('a worker error is shown and the curves so far stay', () => {
    const s1 = reduce(
      { ...IDLE, status: 'training' },
      { kind: 'event', event: { type: 'progress', points: [point(1)], epochs: {}, msPerStep: 1, tensors: 10 } },
    );
    const s2 = reduce(s1, {
      kind: 'error',
      error: { name: 'WorkerCrash', message: 'the training worker crashed: out of memory' },
    });
    expect(s2.status).toBe('failed');
    expect(s2.error).toBe('WorkerCrash: the training worker crashed: out of memory');
    expect(s2.points).toEqual(s1.points);
  });

  it('a failed prediction does not end the run', () => {
    const s = reduce({ ...IDLE, status: 'training' }, { kind: 'error', id: 4, error: { name: 'Error', message: 'x' } });
    expect(s.status).toBe('training');
  });
});

describe('run store points (append-only log)', () => {
  const progress = (...steps: number[]) => ({
    kind: 'event' as const,
    event: { type: 'progress' as const, points: steps.map(point), epochs: {}, msPerStep: 1, tensors: 1 },
  });
  const steps = (s: RunState) => s.points.map((p) => p.step);

  it('an earlier state keeps its points when later points arrive, and may branch', () => {
    const s1 = reduce(IDLE, progress(1, 2));
    const seen = s1.points;
    const s2 = reduce(s1, progress(3));
    const branch = reduce(s1, progress(9));
    expect(steps(s1)).toEqual([1, 2]);
    expect(seen.map((p) => p.step)).toEqual([1, 2]);
    expect(steps(s2)).toEqual([1, 2, 3]);
    expect(steps(branch)).toEqual([1, 2, 9]);
    expect(steps(reduce(s2, progress(4)))).toEqual([1, 2, 3, 4]);
  });

  it('messages without points keep the same points array (memoised views stay valid)', () => {
    const s1 = reduce(IDLE, progress(1));
    const s2 = reduce(s1, { kind: 'event', event: { type: 'state', state: 'paused' } });
    expect(s2.status).toBe('paused');
    expect(s2.points).toBe(s1.points);
    expect(pointLog(s2).version).toBe(pointLog(s1).version);
    expect(pointLog(reduce(s2, progress(2))).version).toBeGreaterThan(pointLog(s2).version);
  });

  it('a spread copy of a state has its points', () => {
    const s = reduce(reduce(IDLE, progress(1)), progress(2));
    const copy = { ...s, status: 'paused' as const };
    expect(steps(copy)).toEqual([1, 2]);
    expect(steps(reduce(copy, progress(3)))).toEqual([1, 2, 3]);
    expect(s).toEqual({ ...IDLE, points: s.points, msPerStep: 1, epochs: {}, tensors: 1, warning: null });
  });

  it('continuing from a checkpoint drops later points; restoring brings curves back', () => {
    const store = new RunStore();
    store.apply(progress(1, 2, 3, 4));
    store.apply({
      kind: 'event',
      event: { type: 'validation', point: { step: 4, losses: {}, weightedLoss: 1, metrics: {}, improved: true } },
    });
    store.continueFrom({ step: 2, examples: 16, weights: new ArrayBuffer(0), specs: [] });
    expect(steps(store.get())).toEqual([1, 2]);
    expect(store.get().validations).toEqual([]);
    expect(store.get().status).toBe('preparing');
    store.apply(progress(3));
    expect(steps(store.get())).toEqual([1, 2, 3]);
    store.restore([point(1), point(2)], []);
    expect(steps(store.get())).toEqual([1, 2]);
  });
});
