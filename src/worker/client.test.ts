import { describe, expect, it } from 'vitest';
import { MtlWorkerClient } from './client';
import type { WorkerMessage, WorkerRequest } from './protocol';

/** A stand-in Worker: records what the page sent and lets the test answer or crash. */
class FakeWorker {
  sent: WorkerRequest[] = [];
  terminated = false;
  onmessage: ((e: MessageEvent<WorkerMessage>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  postMessage(m: WorkerRequest) {
    this.sent.push(m);
  }
  terminate() {
    this.terminated = true;
  }
  reply(m: WorkerMessage) {
    this.onmessage?.({ data: m } as MessageEvent<WorkerMessage>);
  }
  crash(message: string) {
    this.onerror?.({ message, preventDefault() {} } as ErrorEvent);
  }
}

function setup() {
  const fake = new FakeWorker();
  const client = new MtlWorkerClient(() => fake as unknown as Worker);
  const seen: WorkerMessage[] = [];
  client.subscribe((m) => seen.push(m));
  return { fake, client, seen };
}

describe('MtlWorkerClient', () => {
  it('settles a prediction by its id, once', async () => {
    const { fake, client } = setup();
    const first = client.predict('a');
    const second = client.predict('b');
    const ids = fake.sent.map((m) => (m.kind === 'predict' ? m.id : -1));
    const prediction = { tokens: ['b'], tasks: {} };
    fake.reply({ kind: 'prediction', id: ids[1]!, prediction });
    await expect(second).resolves.toEqual(prediction);
    fake.reply({ kind: 'error', id: ids[0]!, error: { name: 'Error', message: 'there is no model yet: train first' } });
    await expect(first).rejects.toThrowError('there is no model yet');
    // A late duplicate reply changes nothing.
    fake.reply({ kind: 'prediction', id: ids[1]!, prediction: { tokens: [], tasks: {} } });
  });

  it('a crash rejects everything pending and tells the listeners', async () => {
    const { fake, client, seen } = setup();
    const pending = client.predict('x');
    fake.crash('out of memory');
    await expect(pending).rejects.toThrowError('the training worker crashed: out of memory');
    expect(seen.at(-1)).toEqual({
      kind: 'error',
      error: { name: 'WorkerCrash', message: 'the training worker crashed: out of memory' },
    });
    await expect(client.predict('y')).rejects.toThrowError('crashed');
    expect(() => client.pause()).toThrowError('crashed');
  });

  it('errors keep their name across the boundary', async () => {
    const { fake, client } = setup();
    const p = client.predict('x');
    const id = fake.sent[0]?.kind === 'predict' ? fake.sent[0].id : -1;
    fake.reply({ kind: 'error', id, error: { name: 'ParseError', message: 'f: line 3: bad', line: 3, file: 'f' } });
    await expect(p).rejects.toMatchObject({ name: 'ParseError', line: 3, file: 'f' });
  });

  it('dispose waits for the worker, then terminates it', async () => {
    const { fake, client } = setup();
    const done = client.dispose();
    const id = fake.sent[0]?.kind === 'dispose' ? fake.sent[0].id : -1;
    fake.reply({ kind: 'disposed', id });
    await done;
    expect(fake.terminated).toBe(true);
  });
});
