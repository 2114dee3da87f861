import { SettingInput } from './SettingInput';
import { memo } from 'react';
import type { BackendChoice, EncoderKind } from '../../src/config/experiment';
import type { Representation, Suffixes } from '../../src/data/tokenFeatures';
import { SharingDiagram } from './SharingDiagram';
import { activeTasks, type ExperimentForm, type NumericSetting } from './experimentForm';
import { Explain } from '../shared/Explain';
import { BACKEND_LABELS } from '../../src/worker/calibration';

interface Props {
  readonly form: ExperimentForm;
  readonly locked: boolean;
  readonly hideSharing?: boolean;
  readonly hideModel?: boolean;
  /** The learning rate stays editable while a run is paused (e.g. after its loss diverged). */
  readonly learningRateEditable?: boolean;
  readonly onChange: (form: ExperimentForm) => void;
  readonly onValidity: (key: string, valid: boolean) => void;
}

interface Option<T extends string> {
  readonly value: T;
  readonly label: string;
}
/** The model panel's settings picked from a list. */
type ChoiceSetting = 'encoder' | 'representation' | 'suffixes' | 'backend';

const ENCODERS: readonly Option<EncoderKind>[] = [
  { value: 'cnn', label: 'CNN (fast on GPU)' },
  { value: 'transformer', label: 'Transformer' },
  { value: 'bigru', label: 'BiGRU (slow on GPU)' },
];

const REPRESENTATION_OPTIONS: readonly Option<Representation>[] = [
  { value: 'features', label: 'Word + prefix, suffix, shape (hashed)' },
  { value: 'chars', label: 'Word + character CNN' },
  { value: 'word', label: 'Word only (lower-cased; unseen words are <unk>)' },
];

// Measured on POS trained on the EWT dev file: the last 2, 3 and 4 letters gain +0.30 ± 0.11 points (eval/README.md).
const SUFFIX_OPTIONS: readonly Option<Suffixes>[] = [
  { value: '3', label: 'Last 3 letters' },
  { value: '2-4', label: 'Last 2, 3 and 4 letters' },
];

const BACKENDS: readonly Option<BackendChoice>[] = [
  { value: 'auto', label: 'Best available' },
  { value: 'webgpu', label: BACKEND_LABELS.webgpu },
  { value: 'webgl', label: BACKEND_LABELS.webgl },
  { value: 'cpu', label: BACKEND_LABELS.cpu },
];

/**
 * Hard sharing layer by layer: how many encoder layers all tasks share (the
 * rest are each task's own), and which layer each head reads, so a low-level
 * task can be supervised low in the stack (Søgaard & Goldberg 2016).
 */
function LayerChoices({ form, locked, onChange }: Pick<Props, 'form' | 'locked' | 'onChange'>) {
  const layers = Array.from({ length: form.encoderLayers }, (_, i) => i + 1);
  const shared = form.sharedLayers > 0 && form.sharedLayers < form.encoderLayers ? form.sharedLayers : 0;
  return (
    <div className="layer-choices">
      <label className="select">
        Shared encoder layers
        <select
          value={shared}
          disabled={locked}
          onChange={(e) => onChange({ ...form, sharedLayers: Number(e.target.value) })}
        >
          <option value={0}>all {form.encoderLayers}</option>
          {layers.slice(0, -1).map((l) => (
            <option key={l} value={l}>
              the lowest {l}; each task owns the {form.encoderLayers - l} above
            </option>
          ))}
        </select>
      </label>
      {activeTasks(form).map((t) => {
        const read = form.readLayer?.[t.spec.name];
        return (
          <label className="select" key={t.spec.name}>
            {t.title} head reads layer
            <select
              value={read && read < form.encoderLayers ? read : 0}
              disabled={locked}
              onChange={(e) =>
                onChange({ ...form, readLayer: { ...form.readLayer, [t.spec.name]: Number(e.target.value) || null } })
              }
            >
              <option value={0}>{form.encoderLayers} (top)</option>
              {layers.slice(0, -1).map((l) => (
                <option key={l} value={l}>
                  {l}
                </option>
              ))}
            </select>
          </label>
        );
      })}
    </div>
  );
}

/** Sharing mode with its diagram, encoder and optimiser settings. */
export const ArchitecturePanel = memo(function ArchitecturePanel({
  form,
  locked,
  hideSharing,
  hideModel,
  learningRateEditable,
  onChange,
  onValidity,
}: Props) {
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
  // One <select> per choice setting, its options labelled for the page.
  const choice = <K extends ChoiceSetting>(
    key: K,
    label: string,
    options: readonly Option<ExperimentForm[K]>[],
    disabled = locked,
    title?: string,
  ) => (
    <label className="select" key={key}>
      {label}
      <select
        value={form[key]}
        disabled={disabled}
        title={title}
        onChange={(e) => onChange({ ...form, [key]: e.target.value as ExperimentForm[K] })}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <>
      {!hideSharing && (
        <fieldset className="panel">
          <legend>Parameter sharing</legend>
          <Explain topic="Parameter sharing" />
          <div className="radios" role="radiogroup" aria-label="Sharing mode">
            <label>
              <input
                type="radio"
                name="sharing"
                checked={form.sharing === 'hard'}
                disabled={locked}
                onChange={() => onChange({ ...form, sharing: 'hard' })}
              />{' '}
              Hard: one shared encoder
            </label>
            <label>
              <input
                type="radio"
                name="sharing"
                checked={form.sharing === 'soft'}
                disabled={locked}
                onChange={() => onChange({ ...form, sharing: 'soft' })}
              />{' '}
              Soft: an encoder per task + λ·Σ‖θ<sub>i</sub>−θ<sub>j</sub>‖²
            </label>
            <label>
              <input
                type="radio"
                name="sharing"
                checked={form.sharing === 'crossstitch'}
                disabled={locked}
                onChange={() => onChange({ ...form, sharing: 'crossstitch' })}
              />{' '}
              Cross-stitch: an encoder per task, mixed after every layer by learned units α (T encoder passes per task)
            </label>
          </div>
          {numeric('lambda', 'λ (soft sharing)', locked || form.sharing !== 'soft')}
          {form.sharing === 'hard' && form.encoderLayers > 1 && (
            <LayerChoices form={form} locked={locked} onChange={onChange} />
          )}
          <SharingDiagram sharing={form.sharing} tasks={activeTasks(form)} lambda={form.lambda} />
        </fieldset>
      )}
      {!hideModel && (
        <fieldset className="panel grid2">
          <legend>Model and training</legend>
          <Explain topic="Model and training" />
          {choice('encoder', 'Encoder', ENCODERS)}
          {choice('representation', 'Token representation', REPRESENTATION_OPTIONS)}
          {choice(
            'suffixes',
            'Suffixes hashed',
            SUFFIX_OPTIONS,
            locked || form.representation !== 'features',
            form.representation === 'features' ? undefined : 'Only the hashed features read suffixes.',
          )}
          {numeric('affixRows', 'Rows per affix table', locked || form.representation !== 'features')}
          {numeric('wordDropout', 'Word dropout α')}
          {numeric('trunkDropout', 'Dropout (shared encoder)')}
          {numeric('hiddenSize', 'Encoder width')}
          {numeric('embeddingDim', 'Embedding size')}
          {numeric('encoderLayers', 'Encoder layers')}
          {numeric('headLayers', 'Task-specific layers')}
          {numeric('headDropout', 'Dropout (task layers)')}
          {numeric('headDecay', 'L2 decay (task layers)')}
          {numeric('weightAverage', 'Weight averaging (decay, 0 = off)')}
          {numeric('learningRate', 'Learning rate', locked && !learningRateEditable)}
          {numeric('batchSize', 'Batch size')}
          {numeric('steps', 'Steps')}
          {numeric('patience', 'Early-stop patience')}
          {numeric('seed', 'Seed')}
          {choice('backend', 'Backend', BACKENDS)}
        </fieldset>
      )}
    </>
  );
});
