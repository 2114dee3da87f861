import { describe, expect, it } from 'vitest';
import { DataWorkerClient } from './dataClient';
import type { DataMessage, DataRequest, UserFilePreview, UserFileProgress } from './protocol';

/** A stand-in Worker: records what the page sent and lets the test answer or crash. */
class FakeWorker {
  sent: DataRequest[] = [];
  onmessage: ((e: MessageEvent<DataMessage>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  postMessage(m: DataRequest) {
    this.sent.push(m);
  }
  terminate() {}
  reply(m: DataMessage) {
    this.onmessage?.({ data: m } as MessageEvent<DataMessage>);
  }
}

const preview = { fileName: 'r.csv', bytes: 3 } as UserFilePreview;
const choice = { name: 'reviews', format: 'csv', ratios: { train: 80, dev: 10, test: 10 }, seed: 1 } as const;

function setup() {
  const fake = new FakeWorker();
  const client = new DataWorkerClient(() => fake as unknown as Worker);
  const seen: DataMessage[] = [];
  client.subscribe((m) => seen.push(m));
  return { fake, client, seen };
}

describe('DataWorkerClient', () => {
  it("a file's progress goes to its reader, its preview settles the read, and the task is built from that file by a request of its own", async () => {
    const { fake, client, seen } = setup();
    const progress: UserFileProgress[] = [];
    const read = client.readUserFile(new Blob(['abc']), 'r.csv', (p) => progress.push(p));
    const readRequest = fake.sent[0];
    if (readRequest?.kind !== 'readUserFile') throw new Error('expected a read');
    fake.reply({ kind: 'corpusProgress', task: 'ner', split: 'train', loaded: 1, total: 2 });
    fake.reply({ kind: 'userFileProgress', id: readRequest.id, progress: { stage: 'parsing', total: 3 } });
    fake.reply({ kind: 'userFile', id: readRequest.id, preview });
    await expect(read).resolves.toEqual({ id: readRequest.id, preview });
    expect(progress).toEqual([{ stage: 'parsing', total: 3 }]);
    expect(seen[0]?.kind).toBe('corpusProgress');

    const built = client.buildUserTask(readRequest.id, choice);
    const buildRequest = fake.sent[1];
    if (buildRequest?.kind !== 'buildUserTask') throw new Error('expected a build');
    expect(buildRequest.file).toBe(readRequest.id);
    expect(buildRequest.id).not.toBe(readRequest.id);
    fake.reply({
      kind: 'dataError',
      id: buildRequest.id,
      error: { name: 'ParseError', message: 'r.csv: line 2: bad', line: 2, file: 'r.csv' },
    });
    await expect(built).rejects.toMatchObject({ name: 'ParseError', line: 2 });
  });

  it('a crashed data worker rejects what is pending and is no longer alive', async () => {
    const { fake, client } = setup();
    const read = client.readUserFile(new Blob(['abc']), 'r.csv');
    expect(client.alive).toBe(true);
    fake.onerror?.({ message: 'out of memory', preventDefault() {} } as ErrorEvent);
    await expect(read).rejects.toThrowError('the data worker crashed: out of memory');
    expect(client.alive).toBe(false);
  });

  it('a read stopped by terminate rejects as WorkerTerminated (the page says "Stopped reading", not an error)', async () => {
    const { client } = setup();
    const read = client.readUserFile(new Blob(['abc']), 'r.csv');
    client.terminate();
    await expect(read).rejects.toMatchObject({ name: 'WorkerTerminated' });
    expect(client.alive).toBe(false);
  });
});
