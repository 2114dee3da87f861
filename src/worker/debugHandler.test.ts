import * as tf from '../tf';
import { beforeAll, describe, expect, it } from 'vitest';
import { SAMPLE_FILES, SAMPLE_TASKS, useCpuBackend } from '../testing/toy';
import { createDebugWorkerHandler } from './debugHandler';
import type { WorkerMessage } from './protocol';

beforeAll(useCpuBackend);

function harness() {
  const messages: WorkerMessage[] = [];
  let lost = 0;
  const handle = createDebugWorkerHandler({
    post: (m) => messages.push(m),
    selectBackend: async () => {
      await tf.setBackend('cpu');
      return { name: 'cpu', skipped: [] };
    },
    loseDevice: () => lost++,
  });
  const waitFor = async (pred: (m: WorkerMessage) => boolean) => {
    for (let i = 0; i < 4000 && !messages.some(pred); i++) await new Promise((r) => setTimeout(r, 5));
    const found = messages.find(pred);
    if (!found) throw new Error(`no such message in ${JSON.stringify(messages.map((m) => m.kind))}`);
    return found;
  };
  return { messages, handle, waitFor, lost: () => lost };
}

const tiny = {
  tasks: SAMPLE_TASKS,
  embeddingDim: 8,
  hiddenSize: 8,
  encoderLayers: 1,
  batchSize: 4,
  steps: 10_000,
  emitEvery: 1,
  evalEvery: 10_000,
};

describe("the training worker's debug handler", () => {
  it('passes requests to the product handler; explodeLearningRate makes the loss NaN once, and the run pauses and then goes on', async () => {
    const { messages, handle, waitFor } = harness();
    handle({ kind: 'start', config: tiny, files: SAMPLE_FILES });
    await waitFor((m) => m.kind === 'event' && m.event.type === 'progress' && m.event.points.some((p) => p.step >= 2));
    handle({ kind: 'fault', fault: 'explodeLearningRate' });
    const diverged = await waitFor((m) => m.kind === 'event' && m.event.type === 'diverged');
    expect(diverged.kind === 'event' && diverged.event.type === 'diverged' && diverged.event.message).toMatch(
      /not a finite number/,
    );
    await waitFor((m) => m.kind === 'event' && m.event.type === 'state' && m.event.state === 'paused');
    const seen = messages.length;
    handle({ kind: 'resume' });
    for (
      let i = 0;
      i < 4000 && messages.slice(seen).filter((m) => m.kind === 'event' && m.event.type === 'progress').length < 3;
      i++
    )
      await new Promise((r) => setTimeout(r, 5));
    const after = messages
      .slice(seen)
      .flatMap((m) => (m.kind === 'event' && m.event.type === 'progress' ? m.event.points : []));
    expect(after.length).toBeGreaterThanOrEqual(3);
    expect(after.every((p) => Number.isFinite(p.total))).toBe(true);
    expect(messages.filter((m) => m.kind === 'event' && m.event.type === 'diverged')).toHaveLength(1);
    handle({ kind: 'stop' });
    await waitFor((m) => m.kind === 'event' && m.event.type === 'done');
    handle({ kind: 'dispose', id: 1 });
    expect(messages.at(-1)).toEqual({ kind: 'disposed', id: 1 });
  });

  it('loseDevice destroys the device through the entry it was given', () => {
    const { handle, lost } = harness();
    handle({ kind: 'fault', fault: 'loseDevice' });
    expect(lost()).toBe(1);
  });
});
