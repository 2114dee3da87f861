import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEvalSetup, readTaskFiles } from './evalConfig';

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

  it('a missing config file is named', () => {
    expect(() => loadEvalSetup('/nonexistent/config.json')).toThrowError(
      'config file not found: /nonexistent/config.json',
    );
  });
});
