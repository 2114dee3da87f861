import type { BackendName } from '../config/experiment';
import { DEFAULT_AFFIX_ROWS, DEFAULT_SUFFIXES } from '../data/tokenFeatures';
import type { BackendCalibration, MeasuredBackend } from '../train/events';
import type { StepTiming, StepTimingLimits } from '../train/stepTiming';

/** GPU backends "Best available" measures, in the order it times them. */
export const CALIBRATED_BACKENDS: readonly BackendName[] = ['webgl', 'webgpu'];

/** Where calibrations are kept between runs (IndexedDB in the browser, a Map in tests). */
export interface CalibrationStore {
  get(key: string): Promise<BackendCalibration | null>;
  set(key: string, calibration: BackendCalibration): Promise<void>;
}

export function memoryCalibrationStore(): CalibrationStore {
  const kept = new Map<string, BackendCalibration>();
  return {
    get: (key) => Promise.resolve(kept.get(key) ?? null),
    set: (key, calibration) => {
      kept.set(key, calibration);
      return Promise.resolve();
    },
  };
}

export interface CalibrationSteps {
  /** Starts a backend; a string says why it cannot run here. */
  readonly start: (name: BackendName) => Promise<string | null>;
  /** Times this run's model on the backend just started (src/train/stepTiming.ts). */
  readonly time: (limits: StepTimingLimits) => Promise<StepTiming>;
  readonly onMeasuring: (name: BackendName) => void;
}

/** Steps after the first are timed for about this long (at least one). */
export const TIMING_BUDGET_MS = 10_000;
/**
 * A later backend whose first step takes longer than this many times the
 * quickest first step so far (both include compiling the kernels) is not
 * timed further; never below MIN_CUTOFF_MS, so on a real GPU, where a first
 * step takes a second or two and is mostly compilation, every backend is timed.
 */
export const CUTOFF_FACTOR = 1.5;
export const MIN_CUTOFF_MS = 10_000;

/**
 * Times each candidate on this run's model and returns what was measured,
 * fastest first; a backend that will not start, or fails while it is timed
 * (a lost device), is listed with why and never chosen. The first backend
 * is always timed past its first step; a later one whose first step is far
 * slower than the quickest (see CUTOFF_FACTOR) costs that one step only.
 * Returns null when no candidate could be timed.
 */
export async function measureBackends(
  candidates: readonly BackendName[],
  steps: CalibrationSteps,
): Promise<BackendCalibration | null> {
  const measured: MeasuredBackend[] = [];
  let quickestFirstStep = Infinity;
  for (const name of candidates) {
    const reason = await steps.start(name);
    if (reason !== null) {
      measured.push({ name, msPerStep: null, note: reason });
      continue;
    }
    steps.onMeasuring(name);
    try {
      const cutoffMs = Number.isFinite(quickestFirstStep)
        ? Math.max(MIN_CUTOFF_MS, CUTOFF_FACTOR * quickestFirstStep)
        : Infinity;
      const { msPerStep, firstStepMs, estimated } = await steps.time({ cutoffMs, budgetMs: TIMING_BUDGET_MS });
      measured.push({ name, msPerStep, ...(estimated ? { note: 'its first step, compilation included' } : {}) });
      quickestFirstStep = Math.min(quickestFirstStep, firstStepMs);
    } catch (err) {
      measured.push({
        name,
        msPerStep: null,
        note: `failed while timed: ${err instanceof Error ? err.message : String(err)}`,
      });
    }
  }
  const timed = measured.filter((m) => m.msPerStep !== null);
  if (timed.length === 0) return null;
  const order = (m: MeasuredBackend) => m.msPerStep ?? Infinity;
  const sorted = [...measured].sort((a, b) => order(a) - order(b));
  return { kept: (sorted[0] as MeasuredBackend).name, measured: sorted, fromCache: false };
}

/** "WebGL: 4.6× faster than WebGPU here", or why the kept backend was the only one timed. */
export function calibrationSummary(calibration: BackendCalibration): string {
  const [kept, ...others] = calibration.measured;
  if (!kept || kept.msPerStep === null) return 'not measured';
  const label = BACKEND_LABELS[kept.name];
  const next = others.find((m) => m.msPerStep !== null);
  const when = calibration.fromCache ? 'measured earlier on this device' : 'measured now';
  if (!next || next.msPerStep === null) {
    const failed = others.map((m) => `${BACKEND_LABELS[m.name]}: ${m.note ?? 'not timed'}`).join('; ');
    return `${label}: the only GPU backend that trained here${failed ? ` (${failed})` : ''}`;
  }
  const ratio = next.msPerStep / kept.msPerStep;
  return `${label}: ${ratio.toFixed(1)}× faster than ${BACKEND_LABELS[next.name]} here (${kept.msPerStep.toFixed(0)} vs ${next.msPerStep.toFixed(0)} ms a step, ${when})`;
}

export const BACKEND_LABELS: Readonly<Record<BackendName, string>> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WASM',
  cpu: 'CPU',
};

/**
 * The feature-table settings that change a step's cost. Named only when not the default, so calibrations
 * kept before the settings existed keep their keys, and only for `features`, the one representation with
 * affix tables.
 */
function featureTableKeyParts(config: {
  readonly representation: string;
  readonly affixRows: number;
  readonly suffixes: string;
}): string[] {
  if (config.representation !== 'features') return [];
  return [
    ...(config.affixRows === DEFAULT_AFFIX_ROWS ? [] : [`affix rows ${config.affixRows}`]),
    ...(config.suffixes === DEFAULT_SUFFIXES ? [] : [`suffixes ${config.suffixes}`]),
  ];
}

/** The model-size part of a calibration's key: what changes a step's cost. */
export function modelSizeKey(
  config: {
    readonly representation: string;
    readonly affixRows: number;
    readonly suffixes: string;
    readonly encoder: string;
    readonly sharing: string;
    readonly embeddingDim: number;
    readonly hiddenSize: number;
    readonly encoderLayers: number;
    readonly batchSize: number;
    readonly maxLength: number;
    readonly weighting: string;
  },
  tasks: number,
  vocabularySize: number,
): string {
  // The vocabulary enters by its order of magnitude: a few hundred more words do not change which backend wins.
  const vocabulary = 2 ** Math.round(Math.log2(Math.max(1, vocabularySize)));
  return [
    config.representation,
    config.encoder,
    config.sharing,
    config.embeddingDim,
    config.hiddenSize,
    config.encoderLayers,
    config.batchSize,
    config.maxLength,
    config.weighting,
    `${tasks} tasks`,
    `vocabulary ~${vocabulary}`,
    ...featureTableKeyParts(config),
  ].join('|');
}
