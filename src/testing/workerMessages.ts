import * as tf from '../tf';
import type { BackendInfo } from '../train/events';
import type { WorkerMessage } from '../worker/protocol';

/** A handler's backend for Node tests: always the CPU one. */
export async function cpuBackend(): Promise<BackendInfo> {
  await tf.setBackend('cpu');
  return { name: 'cpu', skipped: [] };
}

/** What a worker handler posts, kept in order, and a wait for the first message that matches (polling every 5 ms). */
export function messageLog(tries = 2000) {
  const messages: WorkerMessage[] = [];
  const post = (m: WorkerMessage) => void messages.push(m);
  const waitFor = async (pred: (m: WorkerMessage) => boolean) => {
    for (let i = 0; i < tries && !messages.some(pred); i++) await new Promise((r) => setTimeout(r, 5));
    const found = messages.find(pred);
    if (!found) throw new Error(`no such message in ${JSON.stringify(messages.map((m) => m.kind))}`);
    return found;
  };
  return { messages, post, waitFor };
}
