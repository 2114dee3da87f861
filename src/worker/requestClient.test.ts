import { describe, expect, it } from 'vitest';
import { RequestClient, type Routing } from './requestClient';
import type { WireError } from './protocol';

type Request = { readonly kind: 'ask'; readonly id: number } | { readonly kind: 'tell' };
type Message =
  | { readonly kind: 'answer'; readonly id: number; readonly value: string }
  | { readonly kind: 'other'; readonly id: number }
  | { readonly kind: 'news'; readonly id: number; readonly done: number }
  | { readonly kind: 'failed'; readonly id: number; readonly error: WireError }
  | { readonly kind: 'event' }
  | { readonly kind: 'dead'; readonly error: WireError };

/** A stand-in Worker: records what the page sent and lets the test answer or crash. */
class FakeWorker {
  sent: Request[] = [];
  terminated = false;
  onmessage: ((e: MessageEvent<Message>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  postMessage(m: Request) {
    this.sent.push(m);
  }
  terminate() {
    this.terminated = true;
  }
  reply(m: Message) {
    this.onmessage?.({ data: m } as MessageEvent<Message>);
  }
}

const route = (m: Message): Routing =>
  m.kind === 'answer' || m.kind === 'other'
    ? { to: 'reply', id: m.id }
    : m.kind === 'failed'
      ? { to: 'reply', id: m.id, error: m.error }
      : m.kind === 'news'
        ? { to: 'update', id: m.id }
        : { to: 'listeners' };

function setup(deathNotice?: (error: WireError) => Message) {
  const fake = new FakeWorker();
  const client = new RequestClient<Request, Message>(fake as unknown as Worker, {
    workerName: 'test worker',
    route,
    ...(deathNotice ? { deathNotice } : {}),
  });
  const seen: Message[] = [];
  client.subscribe((m) => seen.push(m));
  const ask = (onUpdate?: (m: Message) => void) => client.request((id) => ({ kind: 'ask', id }), 'answer', onUpdate);
  const idOf = (i: number) => (fake.sent[i]?.kind === 'ask' ? fake.sent[i].id : -1);
  return { fake, client, seen, ask, idOf };
}

describe('RequestClient', () => {
  it('gives each request its own id and settles it by its reply, once', async () => {
    const { fake, seen, ask, idOf } = setup();
    const first = ask();
    const second = ask();
    expect(idOf(0)).not.toBe(idOf(1));
    fake.reply({ kind: 'answer', id: idOf(1), value: 'b' });
    fake.reply({ kind: 'answer', id: idOf(0), value: 'a' });
    await expect(first).resolves.toEqual({ kind: 'answer', id: idOf(0), value: 'a' });
    await expect(second).resolves.toMatchObject({ value: 'b' });
    // A late duplicate changes nothing; the listeners hear every message.
    fake.reply({ kind: 'answer', id: idOf(0), value: 'late' });
    expect(seen.map((m) => (m.kind === 'answer' ? m.value : m.kind))).toEqual(['b', 'a', 'late']);
  });

  it('an error sent as data rejects its request as a typed error with its name', async () => {
    const { fake, ask, idOf } = setup();
    const p = ask();
    fake.reply({
      kind: 'failed',
      id: idOf(0),
      error: { name: 'ParseError', message: 'f: line 3: bad', line: 3, file: 'f' },
    });
    await expect(p).rejects.toMatchObject({ name: 'ParseError', message: 'f: line 3: bad', line: 3, file: 'f' });
  });

  it('a reply of another kind rejects, saying so', async () => {
    const { fake, ask, idOf } = setup();
    const p = ask();
    fake.reply({ kind: 'other', id: idOf(0) });
    await expect(p).rejects.toThrowError('unexpected reply other');
  });

  it('news about a request reaches its onUpdate and leaves it pending', async () => {
    const { fake, ask, idOf } = setup();
    const news: Message[] = [];
    const p = ask((m) => news.push(m));
    fake.reply({ kind: 'news', id: idOf(0), done: 1 });
    fake.reply({ kind: 'news', id: idOf(0) + 100, done: 2 });
    fake.reply({ kind: 'answer', id: idOf(0), value: 'x' });
    await expect(p).resolves.toMatchObject({ value: 'x' });
    expect(news).toEqual([{ kind: 'news', id: idOf(0), done: 1 }]);
  });

  it('a crash rejects everything pending, tells the listeners, and the worker is dead after it', async () => {
    const { fake, client, seen, ask } = setup((error) => ({ kind: 'dead', error }));
    const pending = [ask(), ask()];
    fake.onerror?.({ message: 'out of memory', preventDefault() {} } as ErrorEvent);
    for (const p of pending)
      await expect(p).rejects.toMatchObject({ name: 'WorkerCrash', message: 'the test worker crashed: out of memory' });
    expect(seen).toEqual([
      { kind: 'dead', error: { name: 'WorkerCrash', message: 'the test worker crashed: out of memory' } },
    ]);
    expect(client.alive).toBe(false);
    await expect(ask()).rejects.toThrowError('crashed');
    expect(() => client.send({ kind: 'tell' })).toThrowError('crashed');
  });

  it('an unreadable message rejects everything pending', async () => {
    const { fake, client, ask } = setup();
    const p = ask();
    fake.onmessageerror?.();
    await expect(p).rejects.toMatchObject({
      name: 'WorkerCrash',
      message: 'a message from the test worker could not be read',
    });
    expect(client.alive).toBe(false);
  });

  it('terminate ends the worker and rejects what is pending, without a notice', async () => {
    const { fake, client, seen, ask } = setup((error) => ({ kind: 'dead', error }));
    const p = ask();
    client.terminate();
    expect(fake.terminated).toBe(true);
    await expect(p).rejects.toMatchObject({ name: 'WorkerTerminated', message: 'the test worker was stopped' });
    expect(seen).toEqual([]);
    // A reply that was already on its way settles nothing.
    fake.reply({ kind: 'answer', id: 1, value: 'late' });
    await expect(ask()).rejects.toThrowError('stopped');
  });
});
