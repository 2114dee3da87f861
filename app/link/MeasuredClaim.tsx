import { PRESETS } from './presets';
import measured from './presetResults.json';
import { taskInfo } from '../shared/tasks';

interface ClaimResult {
  readonly task: string;
  readonly baseline: string;
  readonly seeds: readonly number[];
  readonly baselineMean: number;
  readonly presetMean: number;
  readonly difference: number;
  readonly spread: number;
  readonly verdict: string;
  readonly backend: string;
  readonly date: string;
}

const pct = (v: number) => (v * 100).toFixed(1);

/** What `npm run eval:presets` measured for this preset's claim (app/presetResults.json), in one sentence. */
export function MeasuredClaim({ presetId }: { presetId: string }) {
  const r = (measured as Record<string, ClaimResult | undefined>)[presetId];
  if (!r) return null;
  const baseline = PRESETS.find((p) => p.id === r.baseline)?.title ?? r.baseline;
  const verdict =
    r.verdict === 'within seed noise'
      ? 'a difference within seed noise'
      : r.verdict === 'gain'
        ? 'a gain larger than the seeds’ spread'
        : r.verdict === 'loss'
          ? 'a loss larger than the seeds’ spread'
          : r.verdict;
  return (
    <p className="preset-measured">
      Measured on the real corpora over {r.seeds.length} seeds: {taskInfo(r.task).title} {pct(r.presetMean)} here vs{' '}
      {pct(r.baselineMean)} in “{baseline}”, a difference of {r.difference >= 0 ? '+' : ''}
      {pct(r.difference)} (seed spread ±{pct(r.spread)}): {verdict}. {r.backend}, {r.date}.
    </p>
  );
}

/** The measured claim of a preset, if `npm run eval:presets` has measured one. */
export function measuredClaim(presetId: string): ClaimResult | undefined {
  return (measured as Record<string, ClaimResult | undefined>)[presetId];
}
