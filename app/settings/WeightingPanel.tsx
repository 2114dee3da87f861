import { SettingInput } from './SettingInput';
import { memo } from 'react';
import type { Schedule, WeightingMethod } from '../../src/train/weighting/methods';
import { METHOD_INFO, SCHEDULES, WEIGHTING_METHODS } from '../../src/train/weighting/methods';
import type { ExperimentForm, NumericSetting } from './experimentForm';
import { Explain } from '../shared/Explain';

const SCHEDULE_NAMES: Readonly<Record<Schedule, string>> = {
  all: 'All tasks every step',
  roundrobin: 'One task a step, in turn',
  proportional: 'One task a step, by dataset size',
  temperature: 'One task a step, p ∝ N^(1/T)',
};

interface Props {
  readonly form: ExperimentForm;
  readonly locked: boolean;
  readonly onChange: (form: ExperimentForm) => void;
  readonly onValidity: (key: string, valid: boolean) => void;
}

/** How the task losses are balanced and which tasks train at each step. */
export const WeightingPanel = memo(function WeightingPanel({ form, locked, onChange, onValidity }: Props) {
  const numeric = (key: NumericSetting, label: string, disabled = locked) => (
    <SettingInput
      key={key}
      setting={key}
      label={label}
      form={form}
      disabled={disabled}
      onChange={onChange}
      onValidity={onValidity}
    />
  );
  const info = METHOD_INFO[form.weighting];
  const needsAll = info.needsAllTasks;
  const needsHard = info.needsHardSharing;
  return (
    <fieldset className="panel grid2">
      <legend>Task balancing</legend>
      <Explain topic="Task balancing" />
      <label className="select">
        Weighting
        <select
          value={form.weighting}
          disabled={locked}
          onChange={(e) => {
            const weighting = e.target.value as WeightingMethod;
            // Keep the experiment valid: these methods need every task each step (and a shared encoder).
            const schedule = METHOD_INFO[weighting].needsAllTasks ? 'all' : form.schedule;
            const sharing = METHOD_INFO[weighting].needsHardSharing ? 'hard' : form.sharing;
            onChange({ ...form, weighting, schedule, sharing });
          }}
        >
          {WEIGHTING_METHODS.map((m) => (
            <option key={m} value={m}>
              {METHOD_INFO[m].title}
            </option>
          ))}
        </select>
      </label>
      <label className="select">
        Schedule
        <select
          value={form.schedule}
          disabled={locked || needsAll}
          onChange={(e) => onChange({ ...form, schedule: e.target.value as Schedule })}
        >
          {SCHEDULES.map((s) => (
            <option key={s} value={s}>
              {SCHEDULE_NAMES[s]}
            </option>
          ))}
        </select>
      </label>
      <p className="note method-note">
        {info.summary}
        {info.citation.includes('20') ? ` (${info.citation})` : ''}
        {needsAll ? ' Trains every task at every step.' : ''}
        {needsHard ? ' Needs hard sharing.' : ''}
        {form.weighting !== 'manual'
          ? ' The weights above are not used: the method sets them (see the chart of effective weights).'
          : ''}
      </p>
      {form.weighting === 'dwa' && numeric('dwaTemperature', 'τ (DWA temperature)')}
      {form.weighting === 'gradnorm' && numeric('gradnormAlpha', 'α (GradNorm)')}
      {form.schedule === 'temperature' && numeric('scheduleTemperature', 'T (schedule temperature)')}
      {numeric('interactionEvery', 'Measure gradient cosines every … steps (0 = never)')}
    </fieldset>
  );
});
