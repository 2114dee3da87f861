import { upgradeSavedForm } from '../../src/config/form';
import { decodeLink, encodeLink } from '../../src/config/url';
import type { SavedRun } from './runArchive';

export const RUN_FILE_FORMAT = 'mtl-playground-run';

/** A run as a JSON file a user can keep, send and import again. */
export function runToJson(run: SavedRun): string {
  // Weights stay in the browser: a run file is curves and settings, small enough to mail.
  const { checkpoint, ...portable } = run;
  return JSON.stringify({ format: RUN_FILE_FORMAT, version: 1, run: portable }, null, 1);
}

/** Training and validation curves as CSV: one row per point. */
export function runToCsv(run: SavedRun): string {
  const header = ['kind', 'step', 'examples', ...run.tasks.map((t) => `loss_${t}`), 'total'];
  const rows = run.points.map((p) => [
    'train',
    p.step,
    p.examples,
    ...run.tasks.map((t) => p.losses[t] ?? ''),
    p.total,
  ]);
  const valid = run.validations.map((v) => [
    'validation',
    v.step,
    '',
    ...run.tasks.map((t) => v.losses[t] ?? ''),
    v.weightedLoss,
  ]);
  return [header, ...rows, ...valid]
    .map((r) => r.join(','))
    .join('\n')
    .concat('\n');
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const finiteOrNull = (v: unknown) => typeof v === 'number' || v === null;

/**
 * Reads a run file back, checked like a link: the experiment goes through the
 * URL decoder (so a bad setting falls back to its default), the curves must be
 * numbers. Throws an Error saying what is wrong.
 */
export function runFromJson(text: string): SavedRun {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error('the file is not JSON');
  }
  if (!isRecord(data) || data.format !== RUN_FILE_FORMAT || !isRecord(data.run))
    throw new Error(`the file is not a saved run (format "${RUN_FILE_FORMAT}")`);
  const run = data.run;
  if (typeof run.name !== 'string' || run.name.length > 200) throw new Error('the run has no valid name');
  if (!Array.isArray(run.tasks) || !run.tasks.every((t) => typeof t === 'string'))
    throw new Error('the run lists no tasks');
  if (!isRecord(run.form)) throw new Error('the run has no experiment settings');
  const link = decodeLink(
    encodeLink({
      form: upgradeSavedForm(run.form as unknown as SavedRun['form']),
      autorun: false,
      hide: [],
      preset: null,
    }),
  );
  const points = run.points;
  if (
    !Array.isArray(points) ||
    !points.every((p) => isRecord(p) && typeof p.step === 'number' && finiteOrNull(p.total) && isRecord(p.losses))
  ) {
    throw new Error('the training curve is not a list of points');
  }
  if (!Array.isArray(run.validations) || !isRecord(run.result) || !isRecord(run.result.test))
    throw new Error('the run has no validation curve or result');
  return {
    id: `run-${Date.now()}-${Math.random().toString(36).slice(2, 7)}`,
    name: run.name,
    createdAt: new Date().toISOString(),
    form: link.form,
    tasks: run.tasks as string[],
    points: points as unknown as SavedRun['points'],
    validations: run.validations as unknown as SavedRun['validations'],
    result: run.result as unknown as SavedRun['result'],
    backend: (isRecord(run.backend) ? run.backend : null) as SavedRun['backend'],
  };
}

/** Offers text or bytes as a file download. */
export function download(name: string, body: BlobPart, type: string): void {
  const url = URL.createObjectURL(new Blob([body], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
