import { memo } from 'react';
import { NumberInput } from './NumberInput';
import { activeTasks, parseWeight, type ExperimentForm } from './experimentForm';
import { DatasetInfo } from './DatasetInfo';
import { allTasks } from './tasks';
import type { DatasetState } from './useDatasets';

interface Props {
  readonly form: ExperimentForm;
  readonly datasets: Readonly<Record<string, DatasetState>>;
  readonly locked: boolean;
  readonly hideWeights?: boolean;
  readonly onChange: (form: ExperimentForm) => void;
  readonly onWeights: (weights: Readonly<Record<string, number>>) => void;
  readonly onValidity: (key: string, valid: boolean) => void;
}

/** Tasks on/off with their data, the loss weight w_i (slider + field) and a cap on training examples. */
export const TaskPanel = memo(function TaskPanel({ form, datasets, locked, hideWeights, onChange, onWeights, onValidity }: Props) {
  const active = activeTasks(form);
  const setWeight = (name: string, value: number) => onWeights({ ...form.weights, [name]: value });
  return (
    <fieldset className="panel">
      <legend>Tasks and loss weights w<sub>i</sub></legend>
      {allTasks().map((t) => {
        const name = t.spec.name;
        const on = form.enabled[name] ?? false;
        const lastOn = on && active.length === 1;
        const weight = form.weights[name] ?? 1;
        return (
          <div key={name} className="task-row" style={{ borderColor: t.colour }}>
            <label className="task-toggle">
              <input type="checkbox" checked={on} disabled={locked || lastOn} onChange={(e) => onChange({ ...form, enabled: { ...form.enabled, [name]: e.target.checked } })} />
              <span className="task-title" style={{ color: t.colour }}>{t.title}</span>
            </label>
            <DatasetInfo task={name} state={datasets[name]} />
            {lastOn && <small className="hint">At least one task must stay on: there would be nothing to train.</small>}
            {!hideWeights && <div className="weight">
              <input type="range" min={0} max={10} step={0.01} value={weight} disabled={!on} aria-label={`${t.title} weight slider`}
                onChange={(e) => setWeight(name, Number(e.target.value))} style={{ accentColor: t.colour }} />
              <NumberInput label={`w (${t.title})`} value={weight} parse={parseWeight} disabled={!on}
                onChange={(v) => setWeight(name, v ?? 0)} onValidity={(ok) => onValidity(`weight-${name}`, ok)} />
            </div>}
            <NumberInput label={`Max training examples (${t.title})`} value={form.maxTrain[name] ?? null} allowEmpty placeholder="all"
              parse={(text) => {
                const v = Number(text);
                return Number.isInteger(v) && v >= 1 ? { value: v } : { error: 'A whole number ≥ 1, or empty for all.' };
              }}
              disabled={locked || !on} onChange={(v) => onChange({ ...form, maxTrain: { ...form.maxTrain, [name]: v } })}
              onValidity={(ok) => onValidity(`cap-${name}`, ok)} />
          </div>
        );
      })}
    </fieldset>
  );
});
