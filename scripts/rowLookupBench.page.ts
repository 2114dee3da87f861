import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { lookupRows } from '../src/model/rowLookup';

/**
 * Loaded into a page by scripts/rowLookupBench.ts (from the dev server): the
 * table gradient of one embedding lookup, through tf.gather's own gradient
 * and through the planned one (src/model/rowLookup.ts), on one backend.
 */
export async function timeTableGradient(
  backend: string,
  rows: number,
  width: number,
  tokens: number,
  repeats: number,
): Promise<{ gatherMs: number; plannedMs: number; maxDifference: number }> {
  if (!(await tf.setBackend(backend))) throw new Error(`backend ${backend} is not available`);
  await tf.ready();
  // Ids as a batch has them: a seventh padding (id 0), the rest from the 3,000 most frequent rows.
  const host = Int32Array.from({ length: tokens }, (_, i) =>
    i % 7 === 0 ? 0 : 1 + ((i * 7919) % Math.min(rows - 1, 3000)),
  );
  const ids = tf.tensor1d(host, 'int32');
  const init = tf.randomNormal([rows, width], 0, 1, 'float32', 1);
  const table = tf.variable(init);
  const weights = tf.randomNormal([tokens, width], 0, 1, 'float32', 2);
  const gradient = (planned: boolean) =>
    tf.grad((t: tf.Tensor) => tf.sum(tf.mul(lookupRows(t as tf.Tensor2D, ids, host, planned), weights)))(table);
  const time = async (planned: boolean) => {
    const warm = tf.tidy(() => tf.sum(gradient(planned)));
    await warm.data();
    warm.dispose();
    const started = performance.now();
    for (let i = 0; i < repeats; i++) {
      const s = tf.tidy(() => tf.sum(gradient(planned)));
      await s.data();
      s.dispose();
    }
    return (performance.now() - started) / repeats;
  };
  const gatherMs = await time(false);
  const plannedMs = await time(true);
  const difference = tf.tidy(() => tf.max(tf.abs(tf.sub(gradient(true), gradient(false)))));
  const maxDifference = (await difference.data())[0] as number;
  tf.dispose([difference, ids, init, table, weights]);
  return { gatherMs, plannedMs, maxDifference };
}
