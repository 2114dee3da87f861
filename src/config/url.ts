import { BUILT_IN_TASK_NAMES, builtInHelperSource, LINK_TASK_NAMES } from './builtInTasks';
import { EXPERIMENT_FIELDS, FORM_SETTING_KEYS, READ_LAYER_MAX, TASK_WEIGHT, type FormSettingKey } from './fields';
import { DEFAULT_FORM, type ExperimentForm } from './form';

/**
 * The experiment as a readable query string
 * (`v=1&tasks=sentiment,ner&w=1,0.5&share=soft&lambda=0.01&seed=7`).
 * decodeLink is pure and forgiving: every key that is valid is applied, the
 * rest fall back to defaults, and each thing ignored gets a notice.
 */
export const URL_SCHEMA_VERSION = 1;

/** Each form setting's name in a link, from its row in the field table. */
const PARAM = Object.fromEntries(
  FORM_SETTING_KEYS.map((key) => [key, EXPERIMENT_FIELDS[key].link as string]),
) as Readonly<Record<FormSettingKey, string>>;
const SETTING_OF = new Map(Object.entries(PARAM).map(([setting, param]) => [param, setting as FormSettingKey]));
const LIST_PARAMS = ['tasks', 'w', 'cap', 'read'] as const;
const FLAG_PARAMS = ['v', 'autorun', 'hide', 'preset', 'offline', 'joint', 'debug'] as const;

/** Controls a teacher can hide for a class (`hide=architecture,model`). */
export const HIDEABLE = ['tasks', 'weights', 'architecture', 'model', 'charts', 'tryit', 'runs'] as const;
export type Hideable = (typeof HIDEABLE)[number];

/** Renamed keys of older links: old name → current name. */
const MIGRATIONS: Readonly<Record<number, Readonly<Record<string, string>>>> = {
  0: { sharing: 'share', weights: 'w', encoder: 'enc' },
};

export interface LinkState {
  readonly form: ExperimentForm;
  readonly autorun: boolean;
  readonly hide: readonly Hideable[];
  readonly preset: string | null;
  /** `offline=1`: train on the built-in samples without downloading the corpora. */
  readonly offline?: boolean;
}

export interface DecodedLink extends LinkState {
  /** What was ignored and why, for a notice on the page. */
  readonly notices: string[];
}

const MAX_VALUE_LENGTH = 2000;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A value as it may be shown in a notice: short, and only ever rendered as text. */
function quote(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
}

function parseNumber(text: string): number {
  // `-0` reads as 0: a link writes it back as "0", and the round trip must give the same form.
  return NUMBER.test(text.trim()) ? Number(text) + 0 : NaN;
}

function decodeSetting(key: FormSettingKey, raw: string): { value: ExperimentForm[FormSettingKey] } | { why: string } {
  const field = EXPERIMENT_FIELDS[key];
  if (field.type === 'choice') {
    return (field.choices as readonly string[]).includes(raw)
      ? { value: raw as ExperimentForm[FormSettingKey] }
      : { why: `must be one of ${field.choices.join(', ')}` };
  }
  const n = parseNumber(raw);
  if (!Number.isFinite(n)) return { why: 'is not a number' };
  if (field.integer && !Number.isInteger(n)) return { why: 'must be a whole number' };
  if (n < field.min || n > field.max) return { why: `must be between ${field.min} and ${field.max}` };
  return { value: n };
}

export function encodeLink(state: LinkState): string {
  const { form } = state;
  const tasks = LINK_TASK_NAMES.filter(
    (t) => form.enabled[t] && (builtInHelperSource(t) === null || form.enabled[builtInHelperSource(t) as string]),
  );
  const parts: [string, string][] = [
    ['v', String(URL_SCHEMA_VERSION)],
    ['tasks', tasks.join(',')],
    ['w', tasks.map((t) => String(form.weights[t] ?? 1)).join(',')],
  ];
  if (tasks.some((t) => form.maxTrain[t]))
    parts.push(['cap', tasks.map((t) => (form.maxTrain[t] ? String(form.maxTrain[t]) : '-')).join(',')]);
  if (tasks.some((t) => form.readLayer[t]))
    parts.push(['read', tasks.map((t) => (form.readLayer[t] ? String(form.readLayer[t]) : '-')).join(',')]);
  for (const [key, param] of Object.entries(PARAM) as [FormSettingKey, string][])
    parts.push([param, String(form[key])]);
  if (form.sameSentences) parts.push(['joint', '1']);
  if (state.autorun) parts.push(['autorun', '1']);
  if (state.hide.length > 0) parts.push(['hide', state.hide.join(',')]);
  if (state.preset) parts.push(['preset', state.preset]);
  if (state.offline) parts.push(['offline', '1']);
  // Commas stay readable: they are safe in a query value.
  return parts.map(([k, v]) => `${k}=${encodeURIComponent(v).replace(/%2C/g, ',')}`).join('&');
}

export function decodeLink(query: string): DecodedLink {
  const notices: string[] = [];
  const params = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  const values = new Map<string, string>();
  for (const [rawKey, value] of params) {
    const key = rawKey.trim();
    if (values.has(key)) {
      notices.push(`"${key}" appears more than once: the first value was used.`);
      continue;
    }
    if (value.length > MAX_VALUE_LENGTH) {
      notices.push(`"${key}" is ${value.length} characters long: ignored.`);
      continue;
    }
    values.set(key, value);
  }

  const version = values.has('v') ? parseNumber(values.get('v') ?? '') : URL_SCHEMA_VERSION;
  if (version !== URL_SCHEMA_VERSION) {
    const renames = Number.isInteger(version) ? MIGRATIONS[version] : undefined;
    if (renames) {
      for (const [from, to] of Object.entries(renames)) {
        const v = values.get(from);
        if (v !== undefined && !values.has(to)) values.set(to, v);
        values.delete(from);
      }
      notices.push(`This link uses an older format (v=${version}); it was read as v=${URL_SCHEMA_VERSION}.`);
    } else {
      notices.push(`Unknown link version ${quote(values.get('v') ?? '')}: read as v=${URL_SCHEMA_VERSION}.`);
    }
  }

  const weights: Record<string, number> = { ...DEFAULT_FORM.weights };
  const maxTrain: Record<string, number | null> = { ...DEFAULT_FORM.maxTrain };
  const readLayer: Record<string, number | null> = { ...DEFAULT_FORM.readLayer };
  const form: { -readonly [K in keyof ExperimentForm]: ExperimentForm[K] } = {
    ...DEFAULT_FORM,
    weights,
    maxTrain,
    readLayer,
  };
  for (const [param, raw] of values) {
    const key = SETTING_OF.get(param);
    if (key) {
      const result = decodeSetting(key, raw);
      if ('value' in result) (form as Record<string, unknown>)[key] = result.value;
      else notices.push(`${param}=${quote(raw)} ${result.why}: kept ${String(DEFAULT_FORM[key])}.`);
    } else if (
      !(LIST_PARAMS as readonly string[]).includes(param) &&
      !(FLAG_PARAMS as readonly string[]).includes(param)
    ) {
      notices.push(`Unknown setting ${quote(param)}: ignored.`);
    }
  }

  // Tasks, then the lists aligned with them.
  let tasks: string[] = BUILT_IN_TASK_NAMES.filter((t) => DEFAULT_FORM.enabled[t]);
  const rawTasks = values.get('tasks');
  if (rawTasks !== undefined) {
    const named = rawTasks
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean);
    const unknown = named.filter((t) => !LINK_TASK_NAMES.includes(t));
    if (unknown.length > 0)
      notices.push(`Unknown task${unknown.length > 1 ? 's' : ''} ${unknown.map(quote).join(', ')}: ignored.`);
    // A helper without its source has no sentences to model.
    const orphans = named.filter(
      (t) =>
        !unknown.includes(t) && builtInHelperSource(t) !== null && !named.includes(builtInHelperSource(t) as string),
    );
    for (const t of orphans)
      notices.push(
        `The task ${quote(t)} models the sentences of ${quote(builtInHelperSource(t) as string)}, which the link leaves off: ignored.`,
      );
    const known = [...new Set(named.filter((t) => !unknown.includes(t) && !orphans.includes(t)))];
    if (known.length > 0) tasks = known;
    else notices.push('The link names no known task: all tasks are on.');
  }
  form.enabled = Object.fromEntries(LINK_TASK_NAMES.map((t) => [t, tasks.includes(t)]));
  const list = (param: 'w' | 'cap' | 'read') => {
    const raw = values.get(param);
    if (raw === undefined) return [];
    const items = raw.split(',');
    if (items.length !== tasks.length)
      notices.push(
        `${param} has ${items.length} value${items.length === 1 ? '' : 's'} for ${tasks.length} task${tasks.length === 1 ? '' : 's'}: missing ones use defaults.`,
      );
    return items;
  };
  list('w')
    .slice(0, tasks.length)
    .forEach((raw, i) => {
      const task = tasks[i] as string;
      const w = parseNumber(raw);
      if (Number.isFinite(w) && w >= TASK_WEIGHT.min && w <= TASK_WEIGHT.max) weights[task] = Math.round(w * 100) / 100;
      else
        notices.push(
          `The weight of ${task} ${quote(raw)} must be a number from ${TASK_WEIGHT.min} to ${TASK_WEIGHT.max}: kept 1.`,
        );
    });
  list('cap')
    .slice(0, tasks.length)
    .forEach((raw, i) => {
      const task = tasks[i] as string;
      if (raw.trim() === '-' || raw.trim() === '') return;
      const c = parseNumber(raw);
      if (Number.isInteger(c) && c >= 1 && c <= 1_000_000) maxTrain[task] = c;
      else notices.push(`The cap of ${task} ${quote(raw)} must be a whole number ≥ 1: no cap.`);
    });
  list('read')
    .slice(0, tasks.length)
    .forEach((raw, i) => {
      const task = tasks[i] as string;
      if (raw.trim() === '-' || raw.trim() === '') return;
      const r = parseNumber(raw);
      if (Number.isInteger(r) && r >= 1 && r <= READ_LAYER_MAX) readLayer[task] = r;
      else
        notices.push(
          `The layer ${task} reads ${quote(raw)} must be a whole number from 1 to ${READ_LAYER_MAX}: it reads the top layer.`,
        );
    });
  if (tasks.every((t) => (weights[t] ?? 0) === 0)) {
    notices.push('Every task weight was 0: weights reset to 1.');
    for (const t of tasks) weights[t] = 1;
  }

  const hide: Hideable[] = [];
  for (const h of (values.get('hide') ?? '')
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)) {
    if ((HIDEABLE as readonly string[]).includes(h)) hide.push(h as Hideable);
    else notices.push(`hide=${quote(h)} is not a part of the page that can be hidden (${HIDEABLE.join(', ')}).`);
  }
  const autorunRaw = values.get('autorun');
  if (autorunRaw !== undefined && autorunRaw !== '0' && autorunRaw !== '1')
    notices.push(`autorun=${quote(autorunRaw)} must be 0 or 1: not started.`);
  const offlineRaw = values.get('offline');
  if (offlineRaw !== undefined && offlineRaw !== '0' && offlineRaw !== '1')
    notices.push(`offline=${quote(offlineRaw)} must be 0 or 1: the corpora are downloaded.`);
  const jointRaw = values.get('joint');
  if (jointRaw !== undefined && jointRaw !== '0' && jointRaw !== '1')
    notices.push(`joint=${quote(jointRaw)} must be 0 or 1: NER and POS use their own sentences.`);
  form.sameSentences = jointRaw === '1';
  const preset = values.get('preset');
  return {
    form,
    autorun: autorunRaw === '1',
    hide: [...new Set(hide)],
    preset: preset && /^[a-z0-9-]{1,40}$/.test(preset) ? preset : null,
    offline: offlineRaw === '1',
    notices,
  };
}
