import { DATA_FORMATS, FORMAT_KIND, type DataFormat, type ExperimentConfig, type TaskSpec } from './experiment';
import { EXPERIMENT_FIELDS, READ_LAYER_MAX, SETTING_KEYS, defaultSettings } from './fields';
import { METHOD_INFO } from '../train/weighting/methods';

/** The experiment as given cannot run; the message names the field and the problem. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

const TASK_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;

/** Shows a bad value as the user would write it (NaN stays NaN, strings keep quotes). */
function show(value: unknown): string {
  return typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkSetting(key: (typeof SETTING_KEYS)[number], value: unknown): unknown {
  const field = EXPERIMENT_FIELDS[key];
  switch (field.type) {
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value))
        throw new ConfigError(`"${key}" must be a number, got ${show(value)}`);
      if (field.integer && !Number.isInteger(value))
        throw new ConfigError(`"${key}" must be a whole number, got ${value}`);
      if (value < field.min || value > field.max)
        throw new ConfigError(`"${key}" must be between ${field.min} and ${field.max}, got ${value}`);
      return value;
    }
    case 'boolean':
      if (typeof value !== 'boolean') throw new ConfigError(`"${key}" must be true or false, got ${show(value)}`);
      return value;
    case 'choice':
      if (typeof value !== 'string' || !(field.choices as readonly string[]).includes(value)) {
        throw new ConfigError(`"${key}" must be one of ${field.choices.join(', ')}, got ${show(value)}`);
      }
      return value;
  }
}

function checkTask(raw: unknown, index: number): TaskSpec {
  if (!isRecord(raw)) throw new ConfigError(`tasks[${index}] must be an object`);
  const name = raw.name;
  if (typeof name !== 'string' || !TASK_NAME.test(name)) {
    throw new ConfigError(
      `tasks[${index}].name must be a short name of letters, digits, "-" or "_", got ${show(name)}`,
    );
  }
  if (raw.languageModelOf !== undefined) return checkLanguageModelTask(raw, name);
  const format = raw.format;
  if (typeof format !== 'string' || !DATA_FORMATS.includes(format as DataFormat)) {
    throw new ConfigError(`task "${name}": format must be one of ${DATA_FORMATS.join(', ')}, got ${show(format)}`);
  }
  const expectedKind = FORMAT_KIND[format as DataFormat];
  const kind = raw.kind ?? expectedKind;
  if (kind !== 'classification' && kind !== 'tagging') {
    throw new ConfigError(`task "${name}": kind must be "classification" or "tagging", got ${show(kind)}`);
  }
  if (kind !== expectedKind) {
    throw new ConfigError(
      `task "${name}": a ${format} file holds ${expectedKind} data, but the task's kind is ${kind}`,
    );
  }
  const maxTrain = raw.maxTrain;
  if (maxTrain !== undefined && (typeof maxTrain !== 'number' || !Number.isInteger(maxTrain) || maxTrain < 1)) {
    throw new ConfigError(`task "${name}": maxTrain must be a positive whole number, got ${show(maxTrain)}`);
  }
  const readLayer = raw.readLayer;
  if (
    readLayer !== undefined &&
    (typeof readLayer !== 'number' || !Number.isInteger(readLayer) || readLayer < 1 || readLayer > READ_LAYER_MAX)
  ) {
    throw new ConfigError(
      `task "${name}": readLayer must be a whole number from 1 to ${READ_LAYER_MAX}, got ${show(readLayer)}`,
    );
  }
  const column = (key: 'textColumn' | 'labelColumn') => {
    const v = raw[key];
    if (v === undefined) return {};
    if (typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v) && v >= 0)) return { [key]: v };
    throw new ConfigError(`task "${name}": ${key} must be a column name or index, got ${show(v)}`);
  };
  return {
    name,
    kind,
    format: format as DataFormat,
    ...(maxTrain === undefined ? {} : { maxTrain }),
    ...(readLayer === undefined ? {} : { readLayer }),
    ...column('textColumn'),
    ...column('labelColumn'),
  };
}

/** A helper's own keys; its format, columns and kind come from its source task (resolveLanguageModels). */
function checkLanguageModelTask(raw: Record<string, unknown>, name: string): TaskSpec {
  const source = raw.languageModelOf;
  if (typeof source !== 'string' || !TASK_NAME.test(source)) {
    throw new ConfigError(
      `task "${name}": languageModelOf must name the task whose sentences it models, got ${show(source)}`,
    );
  }
  const maxTrain = raw.maxTrain;
  if (maxTrain !== undefined && (typeof maxTrain !== 'number' || !Number.isInteger(maxTrain) || maxTrain < 1)) {
    throw new ConfigError(`task "${name}": maxTrain must be a positive whole number, got ${show(maxTrain)}`);
  }
  if (raw.readLayer !== undefined && raw.readLayer !== 1) {
    throw new ConfigError(
      `task "${name}": a language-model helper reads the first encoder layer (readLayer 1), got ${show(raw.readLayer)}`,
    );
  }
  // The format is a placeholder until resolveLanguageModels copies the source's.
  return {
    name,
    kind: 'tagging',
    format: 'conllu',
    languageModelOf: source,
    ...(maxTrain === undefined ? {} : { maxTrain }),
  };
}

/**
 * A helper reads its source's files, so it takes the source's format and
 * columns. It predicts the next word from the forward half of the first
 * BiGRU layer and the previous word from the backward half: only there
 * does a state see one side of the sentence alone. A CNN or Transformer
 * state, or any layer above the first, has seen the word it would predict.
 */
function resolveLanguageModels(tasks: readonly TaskSpec[], settings: Readonly<Record<string, unknown>>): TaskSpec[] {
  return tasks.map((t) => {
    if (t.languageModelOf === undefined) return t;
    const source = tasks.find((s) => s.name === t.languageModelOf);
    if (!source)
      throw new ConfigError(
        `task "${t.name}" models the sentences of "${t.languageModelOf}", which is not a task of this experiment`,
      );
    if (source.languageModelOf !== undefined)
      throw new ConfigError(
        `task "${t.name}": "${source.name}" is itself a language-model helper; model a labelled task's sentences`,
      );
    if (settings.encoder !== 'bigru') {
      throw new ConfigError(
        `the language-model helper "${t.name}" needs the BiGRU encoder: only a recurrent layer has states that see one side of the sentence, so predicting the next word is not copying it (the ${String(settings.encoder)} sees both sides)`,
      );
    }
    if (settings.sharing !== 'hard' && settings.encoderLayers !== 1) {
      throw new ConfigError(
        `the language-model helper "${t.name}" reads the first encoder layer; with ${String(settings.sharing)} sharing that needs a 1-layer encoder (or use hard sharing)`,
      );
    }
    const { textColumn, labelColumn, format } = source;
    return {
      ...t,
      format,
      ...(textColumn === undefined ? {} : { textColumn }),
      ...(labelColumn === undefined ? {} : { labelColumn }),
      ...(settings.sharing === 'hard' ? { readLayer: 1 } : {}),
    };
  });
}

/**
 * Checks an experiment given as JSON (eval config, worker message) and fills
 * in defaults. Throws ConfigError naming the first problem; extra keys (file
 * paths, comments) are ignored.
 */
export function validateExperiment(raw: unknown): ExperimentConfig {
  if (!isRecord(raw)) throw new ConfigError('the experiment must be a JSON object');
  if (!Array.isArray(raw.tasks) || raw.tasks.length === 0) throw new ConfigError('"tasks" must list at least one task');
  const parsedTasks = raw.tasks.map(checkTask);
  const names = new Set<string>();
  for (const t of parsedTasks) {
    if (names.has(t.name)) throw new ConfigError(`two tasks are named "${t.name}"`);
    names.add(t.name);
  }
  const settings: Record<string, unknown> = { ...defaultSettings() };
  for (const key of SETTING_KEYS) if (raw[key] !== undefined) settings[key] = checkSetting(key, raw[key]);

  const tasks = resolveLanguageModels(parsedTasks, settings);
  const weights: Record<string, number> = {};
  const rawWeights = raw.weights ?? {};
  if (!isRecord(rawWeights)) throw new ConfigError('"weights" must map task names to numbers');
  for (const [name, w] of Object.entries(rawWeights)) {
    if (!names.has(name)) throw new ConfigError(`"weights" names "${name}", which is not a task`);
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) {
      throw new ConfigError(`the weight of task "${name}" must be a number ≥ 0, got ${show(w)}`);
    }
  }
  for (const t of tasks) weights[t.name] = (rawWeights[t.name] as number | undefined) ?? 1;
  if (tasks.every((t) => weights[t.name] === 0))
    throw new ConfigError('every task weight is 0: nothing would be trained');
  const config = { ...(settings as unknown as ExperimentConfig), tasks, weights };
  checkWeighting(config);
  checkLayers(config);
  return config;
}

/** Layer-wise hard sharing: what is shared and read must exist, and every shared layer must be read above or at. */
function checkLayers(config: ExperimentConfig): void {
  const { encoderLayers: layers, sharedLayers, sharing, tasks } = config;
  const reads = tasks.filter((t) => t.readLayer !== undefined);
  if (sharing !== 'hard' && (sharedLayers !== 0 || reads.length > 0)) {
    throw new ConfigError('shared layers and the layer a head reads are choices of hard sharing');
  }
  if (sharedLayers > layers)
    throw new ConfigError(`${sharedLayers} shared layers asked for, but the encoder has ${layers}`);
  for (const t of reads) {
    if ((t.readLayer as number) > layers)
      throw new ConfigError(`task "${t.name}" reads layer ${t.readLayer}, but the encoder has ${layers}`);
  }
  const shared = sharedLayers === 0 ? layers : sharedLayers;
  const highest = Math.max(...tasks.map((t) => t.readLayer ?? layers));
  if (highest < shared) {
    throw new ConfigError(
      `no head reads above layer ${highest}, so shared layers ${highest + 1}–${shared} would never train: share at most ${highest}`,
    );
  }
}

/** Combinations a weighting method cannot run with, said in the user's terms. */
function checkWeighting(config: ExperimentConfig): void {
  const { weighting, schedule, sharing } = config;
  const method = METHOD_INFO[weighting];
  if (method.needsHardSharing && sharing !== 'hard') {
    throw new ConfigError(`weighting "${weighting}" works on the gradients of a shared encoder: it needs hard sharing`);
  }
  if (method.needsAllTasks && schedule !== 'all') {
    throw new ConfigError(`weighting "${weighting}" needs every task at every step: use schedule "all"`);
  }
}

/** Checks a weight update sent while training runs. */
export function validateWeights(config: ExperimentConfig, raw: unknown): Record<string, number> {
  return validateExperiment({ ...config, weights: raw }).weights;
}
