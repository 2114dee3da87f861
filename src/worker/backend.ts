import * as tf from '../tf';
import { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import type { BackendChoice, BackendName } from '../config/experiment';
import { registerFastCpuKernels } from '../model/cpuKernels';
import { registerWebGpuKernels } from './webgpuKernels';
import type { BackendInfo } from '../train/events';
import type { StepTiming, StepTimingLimits } from '../train/stepTiming';
import { CALIBRATED_BACKENDS, measureBackends, type CalibrationStore } from './calibration';

/** Order tried when the user does not force a backend. */
export const AUTO_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];

/** No backend could be started; the message lists why each was passed over. */
export class BackendError extends Error {
  override readonly name = 'BackendError';
}

type Adapter = NonNullable<BackendInfo['adapter']>;

/**
 * tfjs WebGPU settings: 128 kernels per command buffer instead of 15, and
 * small ops kept on the GPU instead of handed to the CPU (tfjs's own tests run
 * that way). On an NVIDIA H100 (headless Chromium, Vulkan) they were 2–7 %
 * faster than tfjs's defaults in two interleaved rounds (three tasks 51.6 vs
 * 52.7 and 48.1 vs 49.7 ms/step; eval/results/2026-11-24-h100-comparisons.json):
 * a small gain, and no loss in those comparisons (on SwiftShader: within
 * the noise, …-webgpu-flags-swiftshader.json). Set when this module loads, so a bench worker's
 * own flags (set after its imports) still override them.
 */
export const WEBGPU_FLAGS = { WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE: 128, WEBGPU_CPU_FORWARD: false } as const;
/** tfjs 4.22's own values of the same flags: the plain-TF.js bench baseline runs on them. */
export const TFJS_WEBGPU_DEFAULTS = {
  WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE: 15,
  WEBGPU_CPU_FORWARD: true,
} as const satisfies Record<keyof typeof WEBGPU_FLAGS, unknown>;
tf.env().setFlags(WEBGPU_FLAGS);

/**
 * Requests the WebGPU adapter ourselves (rather than through tfjs's own
 * factory) so the adapter facts can be reported, then registers a backend on
 * that device. Returns a reason string when WebGPU cannot be used.
 */
async function initWebGpu(onDeviceLost?: (reason: string) => void): Promise<Adapter | string> {
  const gpu = (globalThis.navigator as Navigator | undefined)?.gpu;
  if (!gpu) return 'navigator.gpu is missing (this browser has no WebGPU, or the page is not on a secure origin)';
  // Chromium with its Vulkan backend on an NVIDIA H100 (headless) answers null to
  // 'high-performance' yet offers that very GPU without a preference: ask again.
  const adapter = (await gpu.requestAdapter({ powerPreference: 'high-performance' })) ?? (await gpu.requestAdapter());
  if (!adapter) return 'the browser offered no WebGPU adapter';
  const limits = adapter.limits;
  const device = await adapter.requestDevice({
    requiredFeatures: adapter.features.has('timestamp-query') ? ['timestamp-query'] : [],
    requiredLimits: {
      maxComputeWorkgroupStorageSize: limits.maxComputeWorkgroupStorageSize,
      maxComputeWorkgroupsPerDimension: limits.maxComputeWorkgroupsPerDimension,
      maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
      maxBufferSize: limits.maxBufferSize,
      maxComputeWorkgroupSizeX: limits.maxComputeWorkgroupSizeX,
      maxComputeInvocationsPerWorkgroup: limits.maxComputeInvocationsPerWorkgroup,
    },
  });
  // A driver reset or GPU-process crash: say so at once instead of failing on the next kernel.
  void device.lost.then((lost) => onDeviceLost?.(lost.message || lost.reason));
  const info = adapter.info;
  if (tf.findBackendFactory('webgpu')) tf.removeBackend('webgpu');
  registerWebGpuKernels();
  tf.registerBackend('webgpu', () => new WebGPUBackend(device, info), 3);
  if (!(await tf.setBackend('webgpu'))) return 'tfjs could not start its WebGPU backend on this adapter';
  return {
    vendor: info.vendor,
    architecture: info.architecture,
    description: info.description,
    // Chromium reports a software adapter (SwiftShader) this way.
    isFallbackAdapter: Boolean((info as GPUAdapterInfo & { isFallbackAdapter?: boolean }).isFallbackAdapter),
  };
}

async function tryBackend(
  name: BackendName,
  onDeviceLost?: (reason: string) => void,
): Promise<Adapter | string | null> {
  try {
    if (name === 'webgpu') return await initWebGpu(onDeviceLost);
    if (name === 'wasm')
      return 'the WASM backend lacks the gradient of gather (embedding lookup), so it cannot train this model';
    if (!tf.findBackendFactory(name)) return `tfjs has no ${name} backend in this build`;
    if (name === 'cpu') registerFastCpuKernels();
    return (await tf.setBackend(name)) ? null : `tfjs could not start its ${name} backend here`;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  }
}

/** What "Best available" needs to measure the backends on this run's model (see calibration.ts). */
export interface CalibrationRequest {
  /** The model's size (modelSizeKey): a calibration is kept per device and model size. */
  readonly modelKey: string;
  readonly time: (limits: StepTimingLimits) => Promise<StepTiming>;
  readonly onMeasuring: (name: BackendName) => void;
}

let deviceKeyOnce: Promise<string> | null = null;

/** The GPUs' names as this browser reports them (asked once per worker): a calibration measured on one device is not reused on another. */
function deviceKey(): Promise<string> {
  deviceKeyOnce ??= askDeviceKey();
  return deviceKeyOnce;
}

async function askDeviceKey(): Promise<string> {
  const parts: string[] = [];
  try {
    const info = (await globalThis.navigator?.gpu?.requestAdapter())?.info;
    parts.push(info ? `${info.vendor} ${info.architecture} ${info.description}` : 'no WebGPU adapter');
  } catch {
    parts.push('no WebGPU adapter');
  }
  try {
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    const ext = gl?.getExtension('WEBGL_debug_renderer_info');
    parts.push(gl ? String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER)) : 'no WebGL2');
  } catch {
    parts.push('no WebGL2');
  }
  return parts.join(' / ');
}

/**
 * "Best available" by measurement: the kept backend of an earlier
 * calibration on this device and model size, else each GPU backend timed on
 * this run's model, the fastest kept. Null when no GPU backend trained, so
 * the caller falls back to AUTO_ORDER (and says why each was skipped).
 */
async function calibratedBackend(
  request: CalibrationRequest,
  store: CalibrationStore,
  onDeviceLost?: (reason: string) => void,
): Promise<BackendInfo | null> {
  const key = `${await deviceKey()} | ${request.modelKey}`;
  // A device lost while it is being timed fails its timing; only the kept backend's loss reaches the run.
  let lostWhileTimed: string | null = null;
  let forwardLoss = false;
  const lost = (reason: string) => (forwardLoss ? onDeviceLost?.(reason) : (lostWhileTimed = reason));
  const cached = await store.get(key).catch(() => null);
  if (cached) {
    const outcome = await tryBackend(cached.kept, lost);
    if (typeof outcome !== 'string') {
      forwardLoss = true;
      await tf.ready();
      return {
        name: cached.kept,
        skipped: [],
        ...(outcome ? { adapter: outcome } : {}),
        calibration: { ...cached, fromCache: true },
      };
    }
  }
  let adapter: NonNullable<BackendInfo['adapter']> | null = null;
  const calibration = await measureBackends(CALIBRATED_BACKENDS, {
    start: async (name) => {
      const outcome = await tryBackend(name, lost);
      if (typeof outcome === 'string') return outcome;
      if (outcome) adapter = outcome;
      await tf.ready();
      return null;
    },
    time: async (limits) => {
      lostWhileTimed = null;
      const timing = await request.time(limits);
      if (lostWhileTimed !== null) throw new Error(`the GPU device was lost (${lostWhileTimed})`);
      return timing;
    },
    onMeasuring: request.onMeasuring,
  });
  if (!calibration) return null;
  if (tf.getBackend() !== calibration.kept) {
    const outcome = await tryBackend(calibration.kept, lost);
    if (typeof outcome === 'string') return null;
    if (outcome) adapter = outcome;
    await tf.ready();
  }
  forwardLoss = true;
  await store.set(key, calibration).catch(() => undefined);
  return {
    name: calibration.kept,
    skipped: calibration.measured
      .filter((m) => m.msPerStep === null)
      .map((m) => ({ name: m.name, reason: m.note ?? 'not timed' })),
    ...(calibration.kept === 'webgpu' && adapter ? { adapter } : {}),
    calibration,
  };
}

/**
 * Starts the chosen backend. "Best available" measures the GPU backends
 * when the caller can time this run's steps (`calibration`), else takes the
 * first that works in AUTO_ORDER; either way it says what it skipped and why.
 */
export async function selectBackend(
  choice: BackendChoice,
  onDeviceLost?: (reason: string) => void,
  calibration?: CalibrationRequest & { readonly store: CalibrationStore },
): Promise<BackendInfo> {
  if (choice === 'auto' && calibration) {
    const measured = await calibratedBackend(calibration, calibration.store, onDeviceLost);
    if (measured) return measured;
  }
  const order = choice === 'auto' ? AUTO_ORDER : [choice];
  const skipped: { name: BackendName; reason: string }[] = [];
  for (const name of order) {
    const outcome = await tryBackend(name, onDeviceLost);
    if (typeof outcome === 'string') {
      skipped.push({ name, reason: outcome });
      continue;
    }
    await tf.ready();
    return { name, skipped, ...(outcome ? { adapter: outcome } : {}) };
  }
  throw new BackendError(`no backend could start: ${skipped.map((s) => `${s.name}: ${s.reason}`).join('; ')}`);
}

/** selectBackend for a worker entry: "Best available" keeps its calibrations in `store`. */
export function measuringBackendSelector(store: CalibrationStore) {
  return (choice: BackendChoice, onDeviceLost?: (reason: string) => void, calibration?: CalibrationRequest) =>
    selectBackend(choice, onDeviceLost, calibration && { ...calibration, store });
}
