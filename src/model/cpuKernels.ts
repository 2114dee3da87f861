import * as tf from '../tf';

/** What these kernels (and tests' reference kernels) need of tfjs's CPU backend (its class is not exported by @tensorflow/tfjs). */
export interface CpuBackend {
  readonly data: { get(dataId: tf.TensorInfo['dataId']): { values: unknown } };
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: Float32Array | Int32Array): tf.TensorInfo;
}

/**
 * UnsortedSegmentSum as one pass over the rows: out[ids[i]] += x[i].
 * It is the gradient of `gather`, i.e. of every embedding lookup, and tfjs's
 * CPU kernel builds a mask over all the ids for each segment (vocabulary ×
 * tokens × dim): about 600 of 700 ms of a three-task step on the CPU backend.
 */
/** out[ids[i]] += x[i] for rows of `inner` values; `out` starts at zero. Ids outside out's rows are dropped, as in TensorFlow. */
export function segmentSumInto(
  out: Float32Array | Int32Array,
  values: ArrayLike<number>,
  ids: ArrayLike<number>,
  inner: number,
): void {
  const rows = out.length / inner;
  for (let i = 0; i < ids.length; i++) {
    const segment = ids[i] as number;
    if (segment < 0 || segment >= rows) continue;
    const from = i * inner;
    const to = segment * inner;
    for (let k = 0; k < inner; k++) out[to + k] = (out[to + k] as number) + (values[from + k] as number);
  }
}

function unsortedSegmentSum({
  inputs,
  backend,
  attrs,
}: {
  inputs: tf.NamedTensorInfoMap;
  backend: unknown;
  attrs?: tf.NamedAttrMap;
}): tf.TensorInfo {
  const cpu = backend as CpuBackend;
  const x = inputs.x as tf.TensorInfo;
  const segmentIds = inputs.segmentIds as tf.TensorInfo;
  const numSegments = (attrs as { numSegments: number }).numSegments;
  const values = cpu.data.get(x.dataId).values as Float32Array | Int32Array;
  const ids = cpu.data.get(segmentIds.dataId).values as Int32Array;
  const inner = x.shape.slice(segmentIds.shape.length).reduce((a, b) => a * b, 1);
  const out = x.dtype === 'int32' ? new Int32Array(numSegments * inner) : new Float32Array(numSegments * inner);
  segmentSumInto(out, values, ids, inner);
  return cpu.makeTensorInfo([numSegments, ...x.shape.slice(segmentIds.shape.length)], x.dtype, out);
}

let registered = false;

/** Replaces tfjs's CPU UnsortedSegmentSum with the one-pass kernel above; once per context, before training on the CPU backend. */
export function registerFastCpuKernels(): void {
  if (registered) return;
  registered = true;
  tf.unregisterKernel('UnsortedSegmentSum', 'cpu');
  tf.registerKernel({
    kernelName: 'UnsortedSegmentSum',
    backendName: 'cpu',
    kernelFunc: unsortedSegmentSum as unknown as tf.KernelFunc,
  });
}
