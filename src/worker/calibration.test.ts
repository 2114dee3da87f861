import { describe, expect, it } from 'vitest';
import type { BackendName } from '../config/experiment';
import { calibrationSummary, measureBackends, memoryCalibrationStore, modelSizeKey } from './calibration';

/** Fake backends: ms per step, a reason they will not start, or an error while timed. */
function fakeSteps(backends: Partial<Record<BackendName, number | { refuse: string } | { fail: string }>>) {
  const budgets: [BackendName, number][] = [];
  const measuring: BackendName[] = [];
  let current: BackendName | null = null;
  return {
    budgets,
    measuring,
    steps: {
      start: (name: BackendName) => {
        const b = backends[name];
        if (b !== undefined && typeof b === 'object' && 'refuse' in b) return Promise.resolve(b.refuse);
        current = name;
        return Promise.resolve(null);
      },
      time: (budgetMs: number) => {
        const b = backends[current as BackendName];
        budgets.push([current as BackendName, budgetMs]);
        if (typeof b === 'object' && 'fail' in b) return Promise.reject(new Error(b.fail));
        return Promise.resolve({ msPerStep: b as number, estimated: (b as number) > budgetMs });
      },
      onMeasuring: (name: BackendName) => void measuring.push(name),
    },
  };
}

describe('measureBackends', () => {
  it('keeps the faster backend and lists both, fastest first', async () => {
    const fake = fakeSteps({ webgl: 60, webgpu: 280 });
    const calibration = await measureBackends(['webgl', 'webgpu'], fake.steps);
    expect(calibration).toEqual({
      kept: 'webgl',
      measured: [
        { name: 'webgl', msPerStep: 60 },
        { name: 'webgpu', msPerStep: 280 },
      ],
      fromCache: false,
    });
    expect(fake.measuring).toEqual(['webgl', 'webgpu']);
  });

  it('caps the first timing at 10 s and each later one at 3× the fastest so far (at least 2 s)', async () => {
    const fake = fakeSteps({ webgl: 4000, webgpu: 18000 });
    const calibration = await measureBackends(['webgl', 'webgpu'], fake.steps);
    expect(fake.budgets).toEqual([
      ['webgl', 10_000],
      ['webgpu', 12_000],
    ]);
    expect(calibration?.measured[1]).toEqual({
      name: 'webgpu',
      msPerStep: 18000,
      note: 'its first step, compilation included',
    });
    const quick = fakeSteps({ webgl: 50, webgpu: 30 });
    await measureBackends(['webgl', 'webgpu'], quick.steps);
    expect(quick.budgets[1]).toEqual(['webgpu', 2000]);
  });

  it('passes over a backend that will not start or fails while timed, and says why', async () => {
    const fake = fakeSteps({ webgl: { refuse: 'no WebGL2 here' }, webgpu: 90 });
    const calibration = await measureBackends(['webgl', 'webgpu'], fake.steps);
    expect(calibration?.kept).toBe('webgpu');
    expect(calibration?.measured).toContainEqual({ name: 'webgl', msPerStep: null, note: 'no WebGL2 here' });
    const lost = fakeSteps({ webgl: 70, webgpu: { fail: 'the GPU device was lost (destroyed)' } });
    const after = await measureBackends(['webgl', 'webgpu'], lost.steps);
    expect(after?.kept).toBe('webgl');
    expect(after?.measured[1]).toEqual({
      name: 'webgpu',
      msPerStep: null,
      note: 'failed while timed: the GPU device was lost (destroyed)',
    });
  });

  it('returns null when no backend could be timed', async () => {
    const fake = fakeSteps({ webgl: { refuse: 'no' }, webgpu: { fail: 'boom' } });
    expect(await measureBackends(['webgl', 'webgpu'], fake.steps)).toBeNull();
  });
});

describe('calibrationSummary', () => {
  it('says which backend was kept, by how much, and when it was measured', () => {
    const measured = [
      { name: 'webgl' as const, msPerStep: 63.1 },
      { name: 'webgpu' as const, msPerStep: 289.5 },
    ];
    expect(calibrationSummary({ kept: 'webgl', measured, fromCache: false })).toBe(
      'WebGL: 4.6× faster than WebGPU here (63 vs 290 ms a step, measured now)',
    );
    expect(calibrationSummary({ kept: 'webgl', measured, fromCache: true })).toMatch(/measured earlier on this device/);
    expect(
      calibrationSummary({
        kept: 'webgpu',
        measured: [
          { name: 'webgpu', msPerStep: 40 },
          { name: 'webgl', msPerStep: null, note: 'no WebGL2 here' },
        ],
        fromCache: false,
      }),
    ).toBe('WebGPU: the only GPU backend that trained here (WebGL: no WebGL2 here)');
  });
});

describe('calibration keys and store', () => {
  const config = {
    representation: 'features',
    encoder: 'cnn',
    sharing: 'hard',
    embeddingDim: 64,
    hiddenSize: 128,
    encoderLayers: 2,
    batchSize: 32,
    maxLength: 48,
    weighting: 'manual',
  };
  it('a key changes with the model size, not with a few more words', () => {
    const key = modelSizeKey(config, 3, 20_000);
    expect(modelSizeKey(config, 3, 20_400)).toBe(key);
    expect(modelSizeKey(config, 3, 2_000)).not.toBe(key);
    expect(modelSizeKey({ ...config, hiddenSize: 64 }, 3, 20_000)).not.toBe(key);
    expect(modelSizeKey(config, 2, 20_000)).not.toBe(key);
  });

  it('the memory store gives back what it kept', async () => {
    const store = memoryCalibrationStore();
    expect(await store.get('k')).toBeNull();
    const entry = { kept: 'webgl' as const, measured: [{ name: 'webgl' as const, msPerStep: 5 }], fromCache: false };
    await store.set('k', entry);
    expect(await store.get('k')).toEqual(entry);
  });
});
