import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { ConfigError, validateExperiment } from '../src/config/validate';
import type { ExperimentConfig } from '../src/config/experiment';
import type { TaskFiles } from '../src/data/prepare';

/** An eval config: the experiment plus, per task, the paths of its files. */
export interface EvalSetup {
  readonly config: ExperimentConfig;
  readonly raw: Record<string, unknown>;
  readonly paths: Record<string, { train: string; dev?: string; test?: string }>;
}

/** Paths are tried relative to the working directory, then to the config file's folder. */
function resolvePath(path: unknown, configDir: string, what: string): string {
  if (typeof path !== 'string' || path === '') throw new ConfigError(`${what} must be a file path`);
  const candidates = isAbsolute(path) ? [path] : [resolve(process.cwd(), path), resolve(configDir, path)];
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new ConfigError(`${what} not found: ${path}`);
  return found;
}

/** `--set key=value` items: numbers and true/false parsed, anything else kept as text. */
export function parseOverrides(items: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const item of items) {
    const at = item.indexOf('=');
    if (at <= 0) throw new ConfigError(`--set takes key=value, got "${item}"`);
    const raw = item.slice(at + 1);
    out[item.slice(0, at)] =
      raw === 'true' ? true : raw === 'false' ? false : raw !== '' && Number.isFinite(Number(raw)) ? Number(raw) : raw;
  }
  return out;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The config with `overrides` applied. A plain key replaces a top-level
 * setting (`seed`); `weights.NAME` sets one task's weight and
 * `tasks.NAME.KEY` one setting of the task so named, so a one-value probe
 * needs no copy of the config file.
 */
export function applyOverrides(
  raw: Record<string, unknown>,
  overrides: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...raw };
  for (const [key, value] of Object.entries(overrides)) {
    const [head, ...rest] = key.split('.');
    if (rest.length === 0) {
      out[key] = value;
    } else if (head === 'weights' && rest.length === 1) {
      out.weights = { ...(isRecord(out.weights) ? out.weights : {}), [rest[0] as string]: value };
    } else if (head === 'tasks' && rest.length === 2) {
      const [name, setting] = rest as [string, string];
      const tasks = Array.isArray(out.tasks) ? (out.tasks as unknown[]) : [];
      const at = tasks.findIndex((t) => isRecord(t) && t.name === name);
      if (at < 0) throw new ConfigError(`--set ${key}: the config has no task named "${name}"`);
      out.tasks = tasks.map((t, i) => (i === at ? { ...(t as Record<string, unknown>), [setting]: value } : t));
    } else {
      throw new ConfigError(`--set ${key}: only KEY, weights.TASK and tasks.TASK.KEY can be set`);
    }
  }
  return out;
}

/** `overrides` (see applyOverrides) replace settings of the file, e.g. from `--set seed=2`. */
export function loadEvalSetup(configPath: string, overrides: Readonly<Record<string, unknown>> = {}): EvalSetup {
  if (!existsSync(configPath)) throw new ConfigError(`config file not found: ${configPath}`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(configPath, 'utf8'));
  } catch (err) {
    throw new ConfigError(`${configPath} is not valid JSON: ${(err as Error).message}`);
  }
  if (isRecord(raw)) raw = applyOverrides(raw, overrides);
  const config = validateExperiment(raw);
  const configDir = dirname(resolve(configPath));
  const rawTasks = (raw as { tasks: Record<string, unknown>[] }).tasks;
  const paths: EvalSetup['paths'] = {};
  rawTasks.forEach((t, i) => {
    const name = config.tasks[i]?.name as string;
    // A language-model helper reads its source task's files.
    if (config.tasks[i]?.languageModelOf !== undefined) return;
    paths[name] = {
      train: resolvePath(t.train, configDir, `task "${name}": train file`),
      ...(t.dev === undefined ? {} : { dev: resolvePath(t.dev, configDir, `task "${name}": dev file`) }),
      ...(t.test === undefined ? {} : { test: resolvePath(t.test, configDir, `task "${name}": test file`) }),
    };
  });
  return { config, raw: raw as Record<string, unknown>, paths };
}

export function readTaskFiles(setup: EvalSetup): Record<string, TaskFiles> {
  const read = (path: string) => ({ name: path, text: readFileSync(path, 'utf8') });
  const out: Record<string, TaskFiles> = {};
  for (const [name, p] of Object.entries(setup.paths)) {
    out[name] = {
      train: read(p.train),
      ...(p.dev ? { dev: read(p.dev) } : {}),
      ...(p.test ? { test: read(p.test) } : {}),
    };
  }
  return out;
}
