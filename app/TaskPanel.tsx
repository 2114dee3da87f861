import { NumberInput } from './NumberInput';
import { activeTasks, parseWeight, type ExperimentForm } from './experimentForm';
import { BUILT_IN_TASKS, builtInSummaries } from './tasks';

interface Props {
  readonly form: ExperimentForm;
  readonly locked: boolean;
  readonly hideWeights?: boolean;
  readonly onChange: (form: ExperimentForm) => void;
  readonly onWeights: (weights: Readonly<Record<string, number>>) => void;
  readonly onValidity: (key: string, valid: boolean) => void;
}

/** Tasks on/off with their data, the loss weight w_i (slider + field) and a cap on training examples. */
export function TaskPanel({ form, locked, hideWeights, onChange, onWeights, onValidity }: Props) {
  const summaries = builtInSummaries();
  const active = activeTasks(form);
  const setWeight = (name: string, value: number) => onWeights({ ...form.weights, [name]: value });
  return (
    <fieldset className="panel">
      <legend>Tasks and loss weights w<sub>i</sub></legend>
      {BUILT_IN_TASKS.map((t) => {
        const name = t.spec.name;
        const on = form.enabled[name] ?? false;
        const lastOn = on && active.length === 1;
        const s = summaries[name];
        const weight = form.weights[name] ?? 1;
        return (
          <div key={name} className="task-row" style={{ borderColor: t.colour }}>
            <label className="task-toggle">
              <input type="checkbox" checked={on} disabled={locked || lastOn} onChange={(e) => onChange({ ...form, enabled: { ...form.enabled, [name]: e.target.checked } })} />
              <span className="task-title" style={{ color: t.colour }}>{t.title}</span>
            </label>
            <small className="task-data">
              {t.dataset}: {s?.train} train / {s?.dev} dev / {s?.test} test · {s?.labels.length} labels
              <span className="labels" title={s?.labels.join(' ')}> ({s?.labels.slice(0, 8).join(' ')}{(s?.labels.length ?? 0) > 8 ? ' …' : ''})</span>
            </small>
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
}
