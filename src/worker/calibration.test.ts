import { describe, expect, it } from 'vitest';
import type { BackendName } from '../config/experiment';
import { DEFAULT_AFFIX_ROWS } from '../data/tokenFeatures';
import type { StepTimingLimits } from '../train/stepTiming';
import { calibrationSummary, measureBackends, memoryCalibrationStore, modelSizeKey } from './calibration';

/** Fake backends: [first step ms, ms per step after it], a reason they will not start, or an error while timed. */
type Fake = [number, number] | { refuse: string } | { fail: string };

function fakeSteps(backends: Partial<Record<BackendName, Fake>>) {
  const limits: [BackendName, StepTimingLimits][] = [];
  const measuring: BackendName[] = [];
  let current: BackendName | null = null;
  return {
    limits,
    measuring,
    steps: {
      start: (name: BackendName) => {
        const b = backends[name];
        if (b !== undefined && 'refuse' in b) return Promise.resolve(b.refuse);
        current = name;
        return Promise.resolve(null);
      },
      time: (l: StepTimingLimits) => {
        const b = backends[current as BackendName] as Fake;
        limits.push([current as BackendName, l]);
        if ('fail' in b) return Promise.reject(new Error(b.fail));
        if ('refuse' in b) throw new Error('not started');
        const [first, each] = b;
        return Promise.resolve(
          first > l.cutoffMs
            ? { msPerStep: first, firstStepMs: first, estimated: true }
            : { msPerStep: each, firstStepMs: first, estimated: false },
        );
      },
      onMeasuring: (name: BackendName) => void measuring.push(name),
    },
  };
}

describe('measureBackends', () => {
  it('keeps the faster backend and lists both, fastest first', async () => {
    const fake = fakeSteps({ webgl: [900, 60], webgpu: [1200, 280] });
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

  it('times the first backend fully, and cuts a later one at its first step only when that is far slower', async () => {
    // This machine on the real corpora: WebGL's first step 15 s then 4 s a step; WebGPU's first step 30 s.
    const slow = fakeSteps({ webgl: [15_000, 4_000], webgpu: [30_000, 17_000] });
    const calibration = await measureBackends(['webgl', 'webgpu'], slow.steps);
    expect(slow.limits).toEqual([
      ['webgl', { cutoffMs: Infinity, budgetMs: 10_000 }],
      ['webgpu', { cutoffMs: 22_500, budgetMs: 10_000 }],
    ]);
    expect(calibration?.kept).toBe('webgl');
    expect(calibration?.measured[1]).toEqual({
      name: 'webgpu',
      msPerStep: 30_000,
      note: 'its first step, compilation included',
    });
    // A real GPU: first steps are mostly compilation and short, so nothing is cut and the faster one wins.
    const gpu = fakeSteps({ webgl: [1_500, 14], webgpu: [4_000, 9] });
    expect((await measureBackends(['webgl', 'webgpu'], gpu.steps))?.kept).toBe('webgpu');
    expect(gpu.limits[1]).toEqual(['webgpu', { cutoffMs: 10_000, budgetMs: 10_000 }]);
  });

  it('passes over a backend that will not start or fails while timed, and says why', async () => {
    const fake = fakeSteps({ webgl: { refuse: 'no WebGL2 here' }, webgpu: [500, 90] });
    const calibration = await measureBackends(['webgl', 'webgpu'], fake.steps);
    expect(calibration?.kept).toBe('webgpu');
    expect(calibration?.measured).toContainEqual({ name: 'webgl', msPerStep: null, note: 'no WebGL2 here' });
    const lost = fakeSteps({ webgl: [400, 70], webgpu: { fail: 'the GPU device was lost (destroyed)' } });
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
    affixRows: DEFAULT_AFFIX_ROWS,
    suffixes: '3',
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
    expect(modelSizeKey({ ...config, affixRows: 8191 }, 3, 20_000)).not.toBe(key);
    expect(modelSizeKey({ ...config, suffixes: '2-4' }, 3, 20_000)).not.toBe(key);
    // Word and character inputs have no affix tables, so their size does not split those keys.
    for (const representation of ['word', 'chars'])
      expect(modelSizeKey({ ...config, representation, affixRows: 8191, suffixes: '2-4' }, 3, 20_000)).toBe(
        modelSizeKey({ ...config, representation }, 3, 20_000),
      );
    // The default table size and suffixes add nothing, so keys kept before the settings existed still match.
    expect(key).toBe('features|cnn|hard|64|128|2|32|48|manual|3 tasks|vocabulary ~16384');
  });

  it('the memory store gives back what it kept', async () => {
    const store = memoryCalibrationStore();
    expect(await store.get('k')).toBeNull();
    const entry = { kept: 'webgl' as const, measured: [{ name: 'webgl' as const, msPerStep: 5 }], fromCache: false };
    await store.set('k', entry);
    expect(await store.get('k')).toEqual(entry);
  });
});
