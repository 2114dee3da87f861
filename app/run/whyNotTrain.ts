import type { DatasetState } from '../data/useDatasets';
import { activeTasks, type ExperimentForm } from '../settings/experimentForm';

/** Why Train is not possible now, in the user's words; null when it is. */
export function whyNotTrain(
  form: ExperimentForm,
  datasets: Readonly<Record<string, DatasetState>>,
  invalidSettings: number,
): string | null {
  const active = activeTasks(form);
  if (active.length === 0) return 'Switch at least one task on.';
  const loading = active
    .filter((t) => t.spec.languageModelOf === undefined && datasets[t.spec.name]?.status !== 'ready')
    .map((t) => t.title);
  if (loading.length > 0) return `Loading the data of ${loading.join(', ')}…`;
  if (invalidSettings > 0) return 'Fix the highlighted settings first.';
  if (active.every((t) => (form.weights[t.spec.name] ?? 0) === 0)) return 'At least one task needs a weight above 0.';
  return null;
}
