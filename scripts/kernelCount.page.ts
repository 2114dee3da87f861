import * as tf from '@tensorflow/tfjs';
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
export async function countWebGpuStep(weighting: string, top: number) {
  await selectBackend('webgpu');
  const { step, variables, dispose } = presetStep(weighting);
  for (let i = 0; i < 3; i++) {
    const warm = step();
    await warm.data();
    warm.dispose();
  }
  // A private method of tfjs's WebGPUBackend: patched only in this measuring page.
  const backend = tf.backend() as unknown as { recordAndSubmit: Recorder };
  const programs: string[] = [];
  const record = backend.recordAndSubmit;
  backend.recordAndSubmit = function (this: unknown, program, ...rest) {
    programs.push(program.constructor.name);
    return record.call(this, program, ...rest);
  } as Recorder;
  try {
    const info = await tf.profile(() => step());
    await (info.result as tf.Tensor).data();
    (info.result as tf.Tensor).dispose();
    return {
      weighting,
      backend: tf.getBackend(),
      kernelsPerStep: info.kernels.length,
      dispatchesPerStep: programs.length,
      variables,
      topKernels: countByName(
        info.kernels.map((k) => k.name),
        top,
      ),
      topPrograms: countByName(programs, top),
    };
  } finally {
    backend.recordAndSubmit = record;
    dispose();
  }
}
