import { beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_FILES, SAMPLE_TASKS, useCpuBackend } from '../testing/toy';
import { createWorkerHandler } from './handler';
import { cpuBackend, messageLog } from '../testing/workerMessages';

beforeAll(useCpuBackend);

function harness() {
  const { messages, post, waitFor } = messageLog();
  const handle = createWorkerHandler({ post, selectBackend: cpuBackend });
  return { messages, handle, waitFor };
}

const tiny = {
  tasks: SAMPLE_TASKS,
  embeddingDim: 8,
  hiddenSize: 8,
  encoderLayers: 1,
  batchSize: 4,
  steps: 6,
  emitEvery: 3,
  evalEvery: 6,
};

describe('worker handler', () => {
  it('start → backend, prepared, progress, done; then predict replies by id', async () => {
    const { messages, handle, waitFor } = harness();
    handle({ kind: 'start', config: tiny, files: SAMPLE_FILES });
    await waitFor((m) => m.kind === 'event' && m.event.type === 'done');
    expect(messages.find((m) => m.kind === 'backend')).toEqual({ kind: 'backend', info: { name: 'cpu', skipped: [] } });
    expect(messages.some((m) => m.kind === 'event' && m.event.type === 'progress')).toBe(true);
    handle({ kind: 'predict', id: 7, text: 'Tom visited Oslo .' });
    const reply = await waitFor((m) => m.kind === 'prediction');
    expect(reply.kind === 'prediction' && reply.id).toBe(7);
    handle({ kind: 'dispose', id: 8 });
    expect(messages.at(-1)).toEqual({ kind: 'disposed', id: 8 });
  });

  it('"Best available" gets a way to time this run\'s steps once the data is ready; a forced backend does not', async () => {
    const requests: { modelKey: string; msPerStep: number; estimated: boolean }[] = [];
    const { messages, post, waitFor } = messageLog();
    const handle = createWorkerHandler({
      post,
      selectBackend: async (choice, _lost, calibration) => {
        if (calibration) {
          calibration.onMeasuring('webgl');
          requests.push({
            modelKey: calibration.modelKey,
            ...(await calibration.time({ cutoffMs: Infinity, budgetMs: 60_000 })),
          });
          // A first step past the cutoff ends the timing there.
          requests.push({ modelKey: calibration.modelKey, ...(await calibration.time({ cutoffMs: 0, budgetMs: 0 })) });
        }
        return cpuBackend();
      },
    });
    handle({ kind: 'start', config: { ...tiny, backend: 'auto' }, files: SAMPLE_FILES });
    await waitFor((m) => m.kind === 'event' && m.event.type === 'done');
    expect(requests).toHaveLength(2);
    expect(requests[0]?.msPerStep).toBeGreaterThan(0);
    expect(requests[0]?.estimated).toBe(false);
    expect(requests[1]?.estimated).toBe(true);
    expect(requests[0]?.modelKey).toContain('3 tasks');
    const kinds = messages.map((m) => (m.kind === 'event' ? m.event.type : m.kind));
    expect(kinds.indexOf('measuring')).toBeLessThan(kinds.indexOf('backend'));
    expect(kinds.indexOf('backend')).toBeLessThan(kinds.indexOf('prepared'));
    handle({ kind: 'start', config: { ...tiny, backend: 'cpu' }, files: SAMPLE_FILES });
    await waitFor(
      (m) => m.kind === 'event' && m.event.type === 'done' && messages.filter((n) => n.kind === 'backend').length === 2,
    );
    expect(requests).toHaveLength(2);
  });

  it.each([
    [{ ...tiny, tasks: [] }, /"tasks" must list at least one task/],
    [{ ...tiny, weights: { ner: -1 } }, /weight of task "ner" must be a number ≥ 0/],
    [{ ...tiny, weights: { ner: 'abc' } }, /weight of task "ner" must be a number ≥ 0, got "abc"/],
    [{ ...tiny, batchSize: 0 }, /"batchSize" must be between 1 and 1024, got 0/],
    [{ ...tiny, tasks: [{ name: 'pos', format: 'xml' }] }, /format must be one of/],
  ])('a bad config gives one clear error message: %j', async (config, message) => {
    const { handle, waitFor } = harness();
    handle({ kind: 'start', config, files: SAMPLE_FILES });
    const error = await waitFor((m) => m.kind === 'error');
    expect(error.kind === 'error' && error.error.message).toMatch(message);
    expect(error.kind === 'error' && error.error.name).toBe('ConfigError');
  });

  it('a broken file gives a ParseError naming the file and line', async () => {
    const { handle, waitFor } = harness();
    const files = { ...SAMPLE_FILES, pos: { train: { name: 'my.conllu', text: '1\tword\tword\tNOUN\n' } } };
    handle({ kind: 'start', config: tiny, files });
    const error = await waitFor((m) => m.kind === 'error');
    expect(error.kind === 'error' && error.error).toMatchObject({
      name: 'ParseError',
      line: 1,
      file: 'my.conllu',
      message: expect.stringMatching(/my\.conllu: line 1: expected 10/),
    });
  });

  it('a label unseen at training time is named', async () => {
    const { handle, waitFor } = harness();
    const files = {
      ...SAMPLE_FILES,
      sentiment: {
        ...SAMPLE_FILES.sentiment!,
        test: { name: 'odd.tsv', text: 'label\tsentence\n2\ta neutral film .\n' },
      },
    };
    handle({ kind: 'start', config: tiny, files });
    const error = await waitFor((m) => m.kind === 'error');
    expect(error.kind === 'error' && error.error.message).toMatch(
      /task "sentiment": odd\.tsv line 2: label "2" was not seen in the training data/,
    );
  });

  it('predict before any training is refused with the request id', async () => {
    const { handle, messages } = harness();
    handle({ kind: 'predict', id: 3, text: 'hello' });
    expect(messages).toEqual([
      { kind: 'error', id: 3, error: { name: 'Error', message: 'there is no model yet: train first' } },
    ]);
  });
});

describe('model export and load', () => {
  it('adds the initial weights when asked (the PyTorch export), the same size as the trained ones', async () => {
    const { exported } = await trainAndExport(tiny, true);
    expect(exported.artifacts.initialWeights?.byteLength).toBe(exported.artifacts.weights.byteLength);
  });

  /** Trains the tiny model in one worker and exports it. */
  async function trainAndExport(config: Record<string, unknown> = tiny, withInitial = false) {
    const first = harness();
    first.handle({ kind: 'start', config, files: SAMPLE_FILES });
    await first.waitFor((m) => m.kind === 'event' && m.event.type === 'done');
    first.handle({ kind: 'exportModel', id: 1, withInitial });
    const exported = await first.waitFor((m) => m.kind === 'exported');
    if (exported.kind !== 'exported') throw new Error('no export');
    return { first, exported };
  }

  it('an exported model loads into a fresh worker and predicts exactly as before', async () => {
    const { first, exported } = await trainAndExport();
    expect(exported.artifacts.modelJson.weightsManifest[0]?.paths).toEqual(['weights.bin']);
    // The TensorFlow.js files need no initial weights; only the PyTorch export asks for them.
    expect(exported.artifacts.initialWeights).toBeUndefined();
    first.handle({ kind: 'predict', id: 2, text: 'Tom visited Oslo .' });
    const before = await first.waitFor((m) => m.kind === 'prediction');

    const second = harness();
    second.handle({ kind: 'loadModel', id: 5, artifacts: exported.artifacts });
    await second.waitFor((m) => m.kind === 'loaded');
    second.handle({ kind: 'predict', id: 6, text: 'Tom visited Oslo .' });
    const after = await second.waitFor((m) => m.kind === 'prediction');
    expect(after.kind === 'prediction' && after.prediction).toEqual(before.kind === 'prediction' && before.prediction);
  });

  it('a model with a language-model helper exports and loads back: the helper head comes along, and Try it predicts the labelled tasks exactly as before', async () => {
    const { first, exported } = await trainAndExport({
      ...tiny,
      tasks: [SAMPLE_TASKS[1], { name: 'ner-lm', languageModelOf: 'ner' }],
      encoder: 'bigru',
      steps: 2,
      emitEvery: 2,
      evalEvery: 2,
    });
    expect(exported.artifacts.modelJson.weightsManifest[0]?.weights.map((w) => w.name)).toContain(
      'head:ner-lm/next/kernel',
    );
    first.handle({ kind: 'predict', id: 2, text: 'Tom visited Oslo .' });
    const before = await first.waitFor((m) => m.kind === 'prediction');
    const second = harness();
    second.handle({ kind: 'loadModel', id: 5, artifacts: exported.artifacts });
    await second.waitFor((m) => m.kind === 'loaded');
    second.handle({ kind: 'predict', id: 6, text: 'Tom visited Oslo .' });
    const after = await second.waitFor((m) => m.kind === 'prediction');
    expect(after.kind === 'prediction' && Object.keys(after.prediction.tasks)).toEqual(['ner']);
    expect(after.kind === 'prediction' && after.prediction).toEqual(before.kind === 'prediction' && before.prediction);
  });

  it('a weights file of the wrong size is refused', async () => {
    const { exported } = await trainAndExport();
    const second = harness();
    second.handle({
      kind: 'loadModel',
      id: 2,
      artifacts: { ...exported.artifacts, weights: exported.artifacts.weights.slice(8) },
    });
    const error = await second.waitFor((m) => m.kind === 'error');
    expect(error.kind === 'error' && error.error.message).toMatch(
      /weights\.bin has \d+ bytes; model\.json describes \d+/,
    );
  });
});

describe('GPU device loss', () => {
  it('is reported at once as a DeviceLost error, and the run ends', async () => {
    const { messages, post } = messageLog();
    let lose: (reason: string) => void = () => undefined;
    const handle = createWorkerHandler({
      post,
      selectBackend: (_choice, onDeviceLost) => {
        lose = onDeviceLost;
        return cpuBackend();
      },
    });
    handle({ kind: 'start', config: { ...tiny, steps: 10_000, emitEvery: 1 }, files: SAMPLE_FILES });
    while (!messages.some((m) => m.kind === 'event' && m.event.type === 'progress'))
      await new Promise((r) => setTimeout(r, 5));
    lose('GPU process crashed');
    expect(messages.at(-1)).toEqual({
      kind: 'error',
      error: {
        name: 'DeviceLost',
        message:
          'the GPU device was lost (GPU process crashed). The curves so far are kept; train again on this or another backend.',
      },
    });
    while (!messages.some((m) => m.kind === 'event' && m.event.type === 'done'))
      await new Promise((r) => setTimeout(r, 5));
  });
});
