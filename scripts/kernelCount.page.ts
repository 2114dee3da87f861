import * as tf from '@tensorflow/tfjs';
import { FUSED_KERNELS_FLAG } from '../src/model/fusedFlag';
import { selectBackend } from '../src/worker/backend';
import { countByName, presetStep } from './kernelStep';

type Recorder = (program: { constructor: { name: string } }, ...rest: unknown[]) => void;

/**
 * Loaded into a page by `npm run bench:kernels -- --backend webgpu`: one
 * step of the preset on the app's WebGPU backend (its flags included), with
 * tfjs's kernels counted by tf.profile and the GPU dispatches counted where
 * the backend records them (WebGPUBackend.recordAndSubmit: one per compute
 * pass dispatch; reshapes and other data-only kernels record none).
 */
export async function countWebGpuStep(weighting: string, fused: boolean, top: number) {
  tf.env().set(FUSED_KERNELS_FLAG, fused);
  await selectBackend('webgpu');
  const { step, variables, dispose } = presetStep(weighting);
  for (let i = 0; i < 3; i++) {
    const warm = step();
    await warm.data();
    warm.dispose();
  }
  // A private method of tfjs's WebGPUBackend: patched only in this measuring page.
  const backend = tf.backend() as unknown as { recordAndSubmit: Recorder };
  // Deep enough to reach past tfjs's own frames to the project's.
  Error.stackTraceLimit = 60;
  const programs: string[] = [];
  const sources: string[] = [];
  const record = backend.recordAndSubmit;
  backend.recordAndSubmit = function (this: unknown, program, ...rest) {
    programs.push(program.constructor.name);
    sources.push(sourceOf(new Error().stack ?? ''));
    return record.call(this, program, ...rest);
  } as Recorder;
  try {
    const info = await tf.profile(() => step());
    await (info.result as tf.Tensor).data();
    (info.result as tf.Tensor).dispose();
    return {
      weighting,
      fused,
      backend: tf.getBackend(),
      kernelsPerStep: info.kernels.length,
      dispatchesPerStep: programs.length,
      variables,
      topKernels: countByName(
        info.kernels.map((k) => k.name),
        top,
      ),
      topPrograms: countByName(programs, top),
      topSources: countByName(sources, top),
    };
  } finally {
    backend.recordAndSubmit = record;
    dispose();
  }
}

/**
 * The project's innermost function on the stack that launched a dispatch
 * (file:line): where the forward pass and the optimizer spend them. Kernels
 * of the backward pass show the line that asked for the gradients.
 */
function sourceOf(stack: string): string {
  const frames = stack.split('\n').filter((line) => /\/(src|scripts)\//.test(line) && !line.includes('node_modules'));
  const frame = frames.find((line) => !/\/src\/tf\.ts|kernelCount\.page/.test(line)) ?? 'elsewhere';
  const match = /\/((?:src|scripts)\/[^?:]+)(?:\?[^:]*)?:(\d+)/.exec(frame);
  return match ? `${match[1]}:${match[2]}` : frame.trim();
}
