import * as tf from '../src/tf';
import '@tensorflow/tfjs-backend-wasm';
import { segmentSumInto } from '../src/model/cpuKernels';

/** What the kernel below needs of the WASM backend (its class is not exported as a type we can import cheaply). */
interface WasmBackend {
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
  typedArrayFromHeap(info: tf.TensorInfo): Float32Array | Int32Array;
}

/**
 * UnsortedSegmentSum (the gradient of `gather`, i.e. of every embedding
 * lookup) for tfjs's WASM backend, which lacks it: one pass over the rows in
 * JavaScript on the WASM heap. Only for scripts in Node (eval runs), where the
 * WASM backend's SIMD matrix products are several times faster than the CPU
 * backend's; the app does not use it.
 */
function unsortedSegmentSum({
  inputs,
  backend,
  attrs,
}: {
  inputs: tf.NamedTensorInfoMap;
  backend: unknown;
  attrs?: tf.NamedAttrMap;
}): tf.TensorInfo {
  const wasm = backend as WasmBackend;
  const x = inputs.x as tf.TensorInfo;
  const segmentIds = inputs.segmentIds as tf.TensorInfo;
  const numSegments = (attrs as { numSegments: number }).numSegments;
  const inner = x.shape.slice(segmentIds.shape.length).reduce((a, b) => a * b, 1);
  const out = wasm.makeOutput([numSegments, ...x.shape.slice(segmentIds.shape.length)], x.dtype);
  const values = wasm.typedArrayFromHeap(x);
  const ids = wasm.typedArrayFromHeap(segmentIds);
  const target = wasm.typedArrayFromHeap(out);
  target.fill(0);
  segmentSumInto(target, values, ids, inner);
  return out;
}

/** Starts tfjs's WASM backend in Node (single-threaded, SIMD) with the kernel it lacks for training embeddings. */
export async function useWasmBackend(): Promise<void> {
  // Once per process (eval:gain and eval:presets start many runs).
  if (!tf.getKernel('UnsortedSegmentSum', 'wasm'))
    tf.registerKernel({
      kernelName: 'UnsortedSegmentSum',
      backendName: 'wasm',
      kernelFunc: unsortedSegmentSum as unknown as tf.KernelFunc,
    });
  if (!(await tf.setBackend('wasm'))) throw new Error('the WASM backend did not start');
}
