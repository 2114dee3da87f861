import { activeTasks, type ExperimentForm } from '../settings/experimentForm';

interface Props {
  readonly form: ExperimentForm;
  readonly settingsOpen: boolean;
  readonly onToggleSettings: () => void;
}

/** Present mode's folded settings: the tasks with their weights and the sharing at a glance; the full settings open in a drawer. */
export function PresentBar({ form, settingsOpen, onToggleSettings }: Props) {
  const sharing =
    form.sharing === 'soft'
      ? `soft sharing, λ = ${form.lambda}`
      : form.sharing === 'crossstitch'
        ? 'cross-stitch'
        : 'hard sharing';
  return (
    <div className="present-bar" aria-label="Experiment at a glance" role="group">
      <ul className="glance">
        {activeTasks(form).map((t) => (
          <li key={t.spec.name} style={{ borderColor: t.colour }}>
            {t.title} <span className="weight-value">w = {form.weights[t.spec.name] ?? 1}</span>
          </li>
        ))}
        <li>
          {sharing} · {form.encoder.toUpperCase()} {form.encoderLayers}×{form.hiddenSize} · {form.weighting} weights
        </li>
      </ul>
      <button type="button" aria-expanded={settingsOpen} aria-controls="settings" onClick={onToggleSettings}>
        {settingsOpen ? 'Close settings' : 'Settings'}
      </button>
    </div>
  );
}
