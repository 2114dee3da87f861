import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyOverrides, loadEvalSetup, parseOverrides, readTaskFiles } from './evalConfig';

function configFile(content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'mtl-eval-'));
  writeFileSync(join(dir, 'train.tsv'), 'label\tsentence\n1\tgood\n0\tbad\n');
  const path = join(dir, 'config.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('eval config', () => {
  it('resolves paths relative to the config file and reads the files', () => {
    const path = configFile({ tasks: [{ name: 's', kind: 'classification', format: 'tsv', train: 'train.tsv' }] });
    const setup = loadEvalSetup(path);
    expect(setup.paths.s?.train).toMatch(/train\.tsv$/);
    expect(readTaskFiles(setup).s?.train.text).toContain('good');
  });

  it.each([
    [{ tasks: [{ name: 's', format: 'tsv', train: 'missing.tsv' }] }, 'task "s": train file not found: missing.tsv'],
    [{ tasks: [{ name: 's', format: 'tsv' }] }, 'task "s": train file must be a file path'],
    ['{not json', 'is not valid JSON'],
    [{ tasks: [] }, '"tasks" must list at least one task'],
  ])('%j fails with a clear message', (content, message) => {
    expect(() => loadEvalSetup(configFile(content))).toThrowError(message);
  });

  it('--set parses numbers and booleans and keeps other text', () => {
    expect(parseOverrides(['seed=2', 'lowercase=false', 'encoder=bigru', 'learningRate=1e-3'])).toEqual({
      seed: 2,
      lowercase: false,
      encoder: 'bigru',
      learningRate: 0.001,
    });
    expect(() => parseOverrides(['seed'])).toThrowError('--set takes key=value, got "seed"');
  });

  it('--set reaches one weight and one task setting without touching the rest', () => {
    const raw = {
      tasks: [
        { name: 'ner', train: 'a' },
        { name: 'pos', train: 'b' },
      ],
      weights: { ner: 1, pos: 0.5 },
      seed: 1,
    };
    const out = applyOverrides(raw, { seed: 3, 'weights.pos': 0.3, 'tasks.pos.readLayer': 1 });
    expect(out).toEqual({
      tasks: [
        { name: 'ner', train: 'a' },
        { name: 'pos', train: 'b', readLayer: 1 },
      ],
      weights: { ner: 1, pos: 0.3 },
      seed: 3,
    });
    // The file's own objects are left as they were.
    expect(raw.weights.pos).toBe(0.5);
    expect(raw.tasks[1]).toEqual({ name: 'pos', train: 'b' });
  });

  it.each([
    ['tasks.sst.maxTrain', 'the config has no task named "sst"'],
    ['tasks.pos', 'only KEY, weights.TASK and tasks.TASK.KEY can be set'],
    ['encoder.layers', 'only KEY, weights.TASK and tasks.TASK.KEY can be set'],
  ])('--set %s=… fails with a clear message', (key, message) => {
    expect(() => applyOverrides({ tasks: [{ name: 'pos' }] }, { [key]: 1 })).toThrowError(message);
  });

  it('--set on a task applies before validation and is read back from the file', () => {
    const path = configFile({ tasks: [{ name: 's', kind: 'classification', format: 'tsv', train: 'train.tsv' }] });
    const setup = loadEvalSetup(path, { 'tasks.s.maxTrain': 1, 'weights.s': 2 });
    expect(setup.config.tasks[0]?.maxTrain).toBe(1);
    expect(setup.config.weights.s).toBe(2);
  });

  it('a missing config file is named', () => {
    expect(() => loadEvalSetup('/nonexistent/config.json')).toThrowError(
      'config file not found: /nonexistent/config.json',
    );
  });
});
