import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenize } from '../data/tokenize';
import { TrainingSession } from '../train/session';
import { tinyData, tinyExperiment, useCpuBackend } from '../testing/toy';
import { PYTHON_FILES, pytorchProject, unexportable, type PythonSources } from './pytorchProject';

beforeAll(useCpuBackend);

const here = new URL('.', import.meta.url).pathname;
const sources = Object.fromEntries(
  PYTHON_FILES.map((f) => [f, readFileSync(join(here, 'python', f), 'utf8')]),
) as unknown as PythonSources;

/** A Python 3 with PyTorch: $PYTHON, else python3 on the PATH, else Debian's (CI installs python3-torch). */
function pythonWithTorch(): string | null {
  for (const candidate of [process.env.PYTHON, 'python3', '/usr/bin/python3']) {
    if (!candidate) continue;
    const probe = spawnSync(candidate, ['-c', 'import torch'], { stdio: 'ignore' });
    if (probe.status === 0) return candidate;
  }
  return null;
}
const python = pythonWithTorch();
// On a developer's machine without PyTorch the parity tests are skipped; in CI they must run.
const parity = python || process.env.CI ? it : it.skip;

const TEXTS = [
  "Maria Lopez didn't like Lisbon.",
  'The new café in Zürich opened on 12 May!!',
  'Ünïcödé wörds… and a very-long-hyphenated-compound-word too',
  'ok',
];

const folders: string[] = [];
afterAll(() => {
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

async function exportedRun(overrides: Record<string, unknown>) {
  const config = tinyExperiment({ steps: 3, evalEvery: 3, ...overrides });
  const data = tinyData(config);
  const session = new TrainingSession(config, data, () => undefined);
  await session.run();
  const artifacts = await session.exportModel();
  const folder = mkdtempSync(join(tmpdir(), 'mtl-pytorch-'));
  folders.push(folder);
  for (const [name, content] of pytorchProject(artifacts, config, sources)) writeFileSync(join(folder, name), content);
  // The browser's logits for the test sentences, one sentence at a time (no padding).
  const tokens = TEXTS.map(tokenize);
  const ids = tokens.map((t) => [...data.tokenEncoder.encode(t)]);
  const logits: Record<string, number[][][] | number[][]> = {};
  for (const task of data.tasks) {
    const rows = tokens.map((t, row) =>
      tf.tidy(() => {
        const mask = tf.ones([1, t.length]) as tf.Tensor2D;
        const idTensor = tf.tensor2d(ids[row] as number[], [1, (ids[row] as number[]).length], 'int32');
        const out = session.model.forward(task.spec.name, idTensor, mask);
        return out.arraySync() as number[][][] | number[][];
      }),
    );
    logits[task.spec.name] = rows.map((r) => r[0]) as number[][][] | number[][];
  }
  writeFileSync(join(folder, 'expected.json'), JSON.stringify({ texts: TEXTS, tokens, ids, logits }));
  session.dispose();
  return folder;
}

function runParity(folder: string) {
  const out = execFileSync(python as string, [join(here, 'parity.py'), folder, join(folder, 'expected.json')], {
    encoding: 'utf8',
  });
  return JSON.parse(out.trim().split('\n').at(-1) as string) as {
    tokens_equal: boolean;
    ids_equal: boolean;
    max_abs_diff: number;
    argmax_equal: boolean;
    bad_shape_message: string;
    compared: number;
  };
}

describe('Export as PyTorch', () => {
  it('refuses an encoder it cannot express, before writing anything', () => {
    expect(unexportable({ encoder: 'cnn' })).toEqual([]);
    expect(unexportable({ encoder: 'lstm' as 'cnn' })).toEqual(['the lstm encoder is not exported']);
  });

  const cases: [string, Record<string, unknown>][] = [
    [
      'hard sharing, features, two layers of which one shared, a head reading layer 1, a hidden head layer',
      {
        representation: 'features',
        encoderLayers: 2,
        sharedLayers: 1,
        headLayers: 1,
        tasks: [
          { name: 'sentiment', kind: 'classification', format: 'tsv' },
          { name: 'ner', kind: 'tagging', format: 'iob2', readLayer: 1 },
          { name: 'pos', kind: 'tagging', format: 'conllu' },
        ],
      },
    ],
    ['soft sharing, word ids', { sharing: 'soft', representation: 'word', lambda: 0.1, encoderLayers: 2 }],
    ['cross-stitch, characters', { sharing: 'crossstitch', representation: 'chars', encoderLayers: 2 }],
    [
      'BiGRU, hard sharing with a language-model helper, features',
      {
        encoder: 'bigru',
        representation: 'features',
        hiddenSize: 9,
        tasks: [
          { name: 'ner', kind: 'tagging', format: 'iob2' },
          { name: 'ner-lm', kind: 'tagging', format: 'iob2', languageModelOf: 'ner' },
        ],
      },
    ],
    [
      'Transformer, partly shared (1 of 2 layers), heads reading either layer, a hidden head layer',
      {
        encoder: 'transformer',
        encoderLayers: 2,
        sharedLayers: 1,
        headLayers: 1,
        attentionHeads: 3,
        representation: 'word',
        tasks: [
          { name: 'sentiment', kind: 'classification', format: 'tsv' },
          { name: 'ner', kind: 'tagging', format: 'iob2', readLayer: 1 },
          { name: 'pos', kind: 'tagging', format: 'conllu' },
        ],
      },
    ],
    ['Transformer, soft sharing', { encoder: 'transformer', sharing: 'soft', encoderLayers: 1 }],
    ['BiGRU, cross-stitch', { encoder: 'bigru', sharing: 'crossstitch', encoderLayers: 2 }],
  ];
  for (const [name, overrides] of cases) {
    parity(
      `PyTorch predicts the browser's logits within 1e-4: ${name}`,
      async () => {
        const folder = await exportedRun(overrides);
        const files = [
          'README.md',
          'config.json',
          'data.py',
          'labels.json',
          'model.py',
          'predict.py',
          'spec.json',
          'vocab.json',
          'weights.safetensors',
        ];
        for (const f of files) expect(readFileSync(join(folder, f)).length, f).toBeGreaterThan(0);
        const report = runParity(folder);
        process.stdout.write(`${name}: ${JSON.stringify(report)}\n`);
        expect(report.tokens_equal, 'data.py tokenizes as the browser does').toBe(true);
        expect(report.ids_equal, 'data.py encodes as the browser does').toBe(true);
        // Every task's logits for every sentence were compared: 2 or 3 tasks × 4 sentences, a logit per label (per token when tagging).
        expect(report.compared).toBeGreaterThan(2 * TEXTS.length * 2);
        expect(report.max_abs_diff).toBeLessThan(1e-4);
        expect(report.argmax_equal, 'the same predictions, so the same metrics').toBe(true);
        expect(report.bad_shape_message).toMatch(/has shape \(.*\), the model expects/);
      },
      120_000,
    );
  }
});
