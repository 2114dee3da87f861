import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The production bundle has no test hook: fault injection lives in the
 * training worker's debug entry, which only a dev build opened with ?debug=1
 * loads (app/useRunner.ts). Builds the app as `npm run build` does (vite
 * build, NODE_ENV not "test"), into a folder of its own, and reads every file.
 */
const ROOT = resolve(import.meta.dirname, '..');
const outDir = mkdtempSync(join(tmpdir(), 'mtl-product-build-'));
const files = new Map<string, string>();

/** Names that exist only for the hooks: the fault messages and the debug entry. */
const HOOK_STRINGS = [
  'explodeLearningRate',
  'loseDevice',
  'crashWorker',
  'crash requested by a test',
  'mtl.debug.worker',
  'DebugMtlWorkerClient',
  'faultHooks',
];
/** `…ForTest` names that TF.js itself ships (tfjs-data's datasets); any other is one of ours. */
const LIBRARY_FOR_TEST = new Set(['toArrayForTest']);

function readAll(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) readAll(path);
    else if (/\.(js|html|css)$/.test(entry.name)) files.set(path.slice(outDir.length + 1), readFileSync(path, 'utf8'));
  }
}

beforeAll(async () => {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Vitest sets NODE_ENV=test, and Vite would then build with import.meta.env.DEV true: build as `npm run build` does.
  delete env.NODE_ENV;
  await promisify(execFile)(
    process.execPath,
    [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    { cwd: ROOT, env },
  );
  readAll(outDir);
}, 300_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('the production build', () => {
  it('has the app, the harness and the training worker (so the checks below read what ships)', () => {
    const names = [...files.keys()];
    expect(names).toContain('index.html');
    expect(names).toContain('harness.html');
    const worker = names.find((n) => /^assets\/mtl\.worker-[\w-]+\.js$/.test(n));
    expect(worker).toBeDefined();
    expect(files.get(worker ?? '')).toContain('there is no run to change the learning rate of');
  });

  it('contains no fault injection: no fault names, no debug worker, no ForTest method of ours', () => {
    const found: string[] = [];
    for (const [name, text] of files) {
      for (const s of HOOK_STRINGS) if (text.includes(s)) found.push(`${name}: ${s}`);
      for (const m of text.matchAll(/\w+ForTest\b/g)) if (!LIBRARY_FOR_TEST.has(m[0])) found.push(`${name}: ${m[0]}`);
      if (/kind:\s*[`'"]fault[`'"]/.test(text)) found.push(`${name}: a fault message`);
    }
    expect(found).toEqual([]);
  });
});
