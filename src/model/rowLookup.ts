import * as tf from '../tf';
import { FUSED_KERNELS, fusedOn } from './fusedFlag';

/**
 * Embedding lookups whose gradient costs rows + tokens, not rows × tokens.
 *
 * The gradient of `tf.gather` is UnsortedSegmentSum into the whole table.
 * tfjs's WebGL kernel compares every table row with every token
 * (rows × tokens × width): 8.4 s for a 24,000-row table and 1,536 tokens on
 * SwiftShader, most of a step of the page's default model on the real
 * corpora. The ids come from JavaScript arrays, so the lookup can sort them
 * there: the gradient is then one gather of the upstream gradient into id
 * order, a cumulative sum, and, per table row, the difference of two
 * gathered prefix sums (its run's end minus its start). 0.25 s for the same
 * case on WebGL, 0.3 s against 1.6 s on WebGPU (scripts/rowLookupBench.ts).
 */

/** Ids kept on the JavaScript side for the int tensors a batch uploads (see idsTensor). */
const hostIds = new WeakMap<tf.Tensor, Int32Array>();

/** An int32 ids tensor that remembers its values, so lookups through it can plan their gradient without reading the GPU. */
export function idsTensor(values: Int32Array, shape: [number, number]): tf.Tensor2D {
  const t = tf.tensor2d(values, shape, 'int32');
  hostIds.set(t, values);
  return t;
}

export function hostIdsOf(t: tf.Tensor): Int32Array | null {
  return hostIds.get(t) ?? null;
}

/** Where each table row's tokens lie once the ids are sorted: `order` lists token positions by id, row r owns order[starts[r] .. ends[r]). */
export interface SegmentPlan {
  readonly order: Int32Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
}

/** A counting sort of the ids by table row. Ids outside [0, rows) are left out, as UnsortedSegmentSum drops them. */
export function segmentPlan(ids: ArrayLike<number>, rows: number): SegmentPlan {
  const counts = new Int32Array(rows);
  let kept = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as number;
    if (id >= 0 && id < rows) {
      counts[id] = (counts[id] as number) + 1;
      kept++;
    }
  }
  const starts = new Int32Array(rows);
  const ends = new Int32Array(rows);
  let at = 0;
  for (let r = 0; r < rows; r++) {
    starts[r] = at;
    at += counts[r] as number;
    ends[r] = at;
  }
  const next = starts.slice();
  const order = new Int32Array(kept);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as number;
    if (id >= 0 && id < rows) order[(next[id] as number)++] = i;
  }
  return { order, starts, ends };
}

/** Σ of dy's rows per table row, from a plan: [rows, width]. */
function plannedSegmentSum(dy: tf.Tensor2D, plan: SegmentPlan): tf.Tensor2D {
  if (fusedOn(FUSED_KERNELS.plannedSegmentSum) && plan.order.length > 0) {
    // One dispatch: each table row sums its own run of the sorted tokens (the plan is uploaded, not computed on the GPU).
    return tf.tidy(
      () =>
        tf.engine().runKernel(FUSED_KERNELS.plannedSegmentSum, {
          dy,
          order: tf.tensor1d(plan.order, 'int32'),
          starts: tf.tensor1d(plan.starts, 'int32'),
          ends: tf.tensor1d(plan.ends, 'int32'),
        }) as tf.Tensor2D,
    );
  }
  return tf.tidy(() => {
    const width = dy.shape[1];
    const sorted = tf.gather(dy, tf.tensor1d(plan.order, 'int32'));
    // prefix[j] = Σ of the first j sorted rows, so a row's sum is prefix[end] − prefix[start].
    const prefix = tf.concat([tf.zeros([1, width]), tf.cumsum(sorted, 0)], 0);
    return tf.sub(
      tf.gather(prefix, tf.tensor1d(plan.ends, 'int32')),
      tf.gather(prefix, tf.tensor1d(plan.starts, 'int32')),
    ) as tf.Tensor2D;
  });
}

/**
 * When the planned gradient pays (npm run bench:lookup, SwiftShader; results
 * in eval/results/2026-11-30-lookup/). tfjs's WebGL kernel costs rows ×
 * tokens, so the plan wins by ~30× on any large table. WebGPU's kernel is a
 * scatter that costs tokens plus a pass over the whole table, while the
 * plan's cumulative sum costs about log2(tokens) passes over the tokens: it
 * wins only when the table has many more rows than the batch has tokens
 * (24,000 × 1,536: 3.7×; 4,329 × 4,608: 0.6×). Small tables (the built-in
 * samples) keep tfjs's kernel: fewer kernel launches. The CPU backend has a
 * one-pass kernel (cpuKernels.ts) and WASM its own, so they never plan.
 */
export const PLAN_FROM_ROWS_TIMES_TOKENS = 2 ** 22;
export const WEBGPU_PLAN_FROM_ROWS_PER_TOKEN = 4;

export function plansPay(backend: string, rows: number, tokens: number): boolean {
  // The fused kernel costs one pass over the table whatever its size, and is one dispatch (tfjs's scatter is two).
  if (backend === 'webgpu' && fusedOn(FUSED_KERNELS.plannedSegmentSum)) return true;
  if (rows * tokens < PLAN_FROM_ROWS_TIMES_TOKENS) return false;
  if (backend === 'webgl') return true;
  return backend === 'webgpu' && rows >= WEBGPU_PLAN_FROM_ROWS_PER_TOKEN * tokens;
}

/**
 * table[ids] with the shape ids.shape + [width], as tf.gather. When the ids'
 * values are known here (`host`, in the same order as `ids`), on a GPU
 * backend with a table large enough for it to pay (or when `planned`
 * forces it), the table's gradient is the planned sum above; otherwise
 * tf.gather's own gradient.
 */
export function lookupRows(
  table: tf.Tensor2D,
  ids: tf.Tensor,
  hostIds: Int32Array | (() => Int32Array) | null,
  planned: boolean = plansPay(tf.getBackend(), table.shape[0], ids.size),
): tf.Tensor {
  if (!hostIds || !planned) return tf.gather(table, ids);
  // A function: the host copy of a slice of the ids is made only when the plan is used.
  const host = typeof hostIds === 'function' ? hostIds() : hostIds;
  if (host.length !== ids.size) throw new Error(`lookupRows: ${host.length} host ids for a tensor of ${ids.size}`);
  const [rows, width] = table.shape;
  const outShape = [...ids.shape, width];
  const lookup = tf.customGrad((t: tf.Tensor | tf.GradSaveFunc) => ({
    value: tf.reshape(tf.gather(t as tf.Tensor, tf.reshape(ids, [-1])), outShape),
    gradFunc: (dy: tf.Tensor) => plannedSegmentSum(tf.reshape(dy, [-1, width]), segmentPlan(host, rows)),
  }));
  return lookup(table);
}

/** Every k-th value from `offset` on, `count` per group: the host copy of one slice of interleaved ids [N, k] → [N, count]. */
export function strided(values: Int32Array, k: number, offset: number, count: number): Int32Array {
  const n = values.length / k;
  const out = new Int32Array(n * count);
  for (let i = 0; i < n; i++) for (let j = 0; j < count; j++) out[i * count + j] = values[i * k + offset + j] as number;
  return out;
}
