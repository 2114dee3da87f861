import { memo } from 'react';
import { NumberInput } from '../shared/NumberInput';
import { activeTasks, HELPER_WEIGHT, parseWeight, type ExperimentForm } from './experimentForm';
import { DatasetInfo } from '../data/DatasetInfo';
import { allTasks, type TaskInfo } from '../shared/tasks';
import type { DatasetState } from '../data/useDatasets';
import { Explain } from '../shared/Explain';

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
export const TaskPanel = memo(function TaskPanel({
  form,
  datasets,
  locked,
  hideWeights,
  onChange,
  onWeights,
  onValidity,
}: Props) {
  const active = activeTasks(form);
  const setWeight = (name: string, value: number) => onWeights({ ...form.weights, [name]: value });
  return (
    <fieldset className="panel">
      <legend>
        Tasks and loss weights w<sub>i</sub>
      </legend>
      <Explain topic="Tasks" />
      {allTasks().map((t) => {
        const name = t.spec.name;
        if (t.spec.languageModelOf !== undefined) {
          if (!form.enabled[t.spec.languageModelOf]) return null;
          return (
            <HelperRow
              key={name}
              task={t}
              form={form}
              locked={locked}
              hideWeights={hideWeights}
              onChange={onChange}
              setWeight={setWeight}
              onValidity={onValidity}
            />
          );
        }
        const on = form.enabled[name] ?? false;
        // A helper cannot train without its source, so the last labelled task stays on.
        const lastOn = on && active.filter((a) => a.spec.languageModelOf === undefined).length === 1;
        const weight = form.weights[name] ?? 1;
        return (
          <div key={name} className="task-row" style={{ borderColor: t.colour }}>
            <label className="task-toggle">
              <input
                type="checkbox"
                checked={on}
                disabled={locked || lastOn}
                onChange={(e) => onChange({ ...form, enabled: { ...form.enabled, [name]: e.target.checked } })}
              />
              <span className="task-title" style={{ color: t.colour }}>
                {t.title}
              </span>
            </label>
            <DatasetInfo task={name} state={datasets[name]} />
            {lastOn && <small className="hint">At least one task must stay on: there would be nothing to train.</small>}
            {!hideWeights && (
              <div className="weight">
                <input
                  type="range"
                  min={0}
                  max={10}
                  step={0.01}
                  value={weight}
                  disabled={!on}
                  aria-label={`${t.title} weight slider`}
                  onChange={(e) => setWeight(name, Number(e.target.value))}
                  style={{ accentColor: t.colour }}
                />
                <NumberInput
                  label={`w (${t.title})`}
                  value={weight}
                  parse={parseWeight}
                  disabled={!on}
                  onChange={(v) => setWeight(name, v ?? 0)}
                  onValidity={(ok) => onValidity(`weight-${name}`, ok)}
                />
              </div>
            )}
            <NumberInput
              label={`Max training examples (${t.title})`}
              value={form.maxTrain[name] ?? null}
              allowEmpty
              placeholder="all"
              parse={(text) => {
                const v = Number(text);
                return Number.isInteger(v) && v >= 1
                  ? { value: v }
                  : { error: 'A whole number ≥ 1, or empty for all.' };
              }}
              disabled={locked || !on}
              onChange={(v) => onChange({ ...form, maxTrain: { ...form.maxTrain, [name]: v } })}
              onValidity={(ok) => onValidity(`cap-${name}`, ok)}
            />
          </div>
        );
      })}
    </fieldset>
  );
});

/**
 * A labelled task's language-model helper: on or off, its weight, and why
 * it needs the BiGRU encoder (with a button that switches to it).
 */
function HelperRow({
  task,
  form,
  locked,
  hideWeights,
  onChange,
  setWeight,
  onValidity,
}: {
  readonly task: TaskInfo;
  readonly form: ExperimentForm;
  readonly locked: boolean;
  readonly hideWeights?: boolean;
  readonly onChange: (form: ExperimentForm) => void;
  readonly setWeight: (name: string, value: number) => void;
  readonly onValidity: (key: string, valid: boolean) => void;
}) {
  const name = task.spec.name;
  const on = form.enabled[name] ?? false;
  const weight = form.weights[name] ?? HELPER_WEIGHT;
  const toggle = (checked: boolean) =>
    onChange({
      ...form,
      enabled: { ...form.enabled, [name]: checked },
      weights: { ...form.weights, [name]: form.weights[name] ?? HELPER_WEIGHT },
    });
  return (
    <div className="helper-row" style={{ borderColor: task.colour }}>
      <label className="task-toggle">
        <input type="checkbox" checked={on} disabled={locked} onChange={(e) => toggle(e.target.checked)} />
        <span className="task-title" style={{ color: task.colour }}>
          {task.title}
        </span>
      </label>
      <small className="hint">
        Language-model helper: predicts each word&apos;s next and previous word in {task.spec.languageModelOf}&apos;s
        own sentences, so it needs no labels.
      </small>
      {on && form.encoder !== 'bigru' && (
        <p className="hint" role="status">
          It needs the BiGRU encoder: a BiGRU state reads one side of the sentence per direction, while a CNN or
          Transformer state has already seen the word it would predict.{' '}
          <button type="button" disabled={locked} onClick={() => onChange({ ...form, encoder: 'bigru' })}>
            Use the BiGRU encoder
          </button>
        </p>
      )}
      {on && !hideWeights && (
        <div className="weight">
          <input
            type="range"
            min={0}
            max={10}
            step={0.01}
            value={weight}
            aria-label={`${task.title} weight slider`}
            onChange={(e) => setWeight(name, Number(e.target.value))}
            style={{ accentColor: task.colour }}
          />
          <NumberInput
            label={`w (${task.title})`}
            value={weight}
            parse={parseWeight}
            onChange={(v) => setWeight(name, v ?? 0)}
            onValidity={(ok) => onValidity(`weight-${name}`, ok)}
          />
        </div>
      )}
    </div>
  );
}
