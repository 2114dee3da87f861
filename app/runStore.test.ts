import { describe, expect, it } from 'vitest';
import { IDLE, reduce } from './runStore';

const point = (step: number) => ({ step, examples: step * 8, losses: { ner: 1 / step }, total: 1 / step });

describe('run store', () => {
  it('appends streamed points as deltas', () => {
    let s = reduce(IDLE, { kind: 'event', event: { type: 'progress', points: [point(1), point(2)], epochs: { ner: 0.1 }, msPerStep: 100, tensors: 10 } });
    s = reduce(s, { kind: 'event', event: { type: 'progress', points: [point(3)], epochs: { ner: 0.2 }, msPerStep: 90, tensors: 10 } });
    expect(s.points.map((p) => p.step)).toEqual([1, 2, 3]);
    expect(s.msPerStep).toBe(90);
  });

  it('a worker error is shown and the curves so far stay', () => {
    const s1 = reduce({ ...IDLE, status: 'training' }, { kind: 'event', event: { type: 'progress', points: [point(1)], epochs: {}, msPerStep: 1, tensors: 10 } });
    const s2 = reduce(s1, { kind: 'error', error: { name: 'WorkerCrash', message: 'the training worker crashed: out of memory' } });
    expect(s2.status).toBe('failed');
    expect(s2.error).toBe('WorkerCrash: the training worker crashed: out of memory');
    expect(s2.points).toEqual(s1.points);
  });

  it('a failed prediction does not end the run', () => {
    const s = reduce({ ...IDLE, status: 'training' }, { kind: 'error', id: 4, error: { name: 'Error', message: 'x' } });
    expect(s.status).toBe('training');
  });
});
