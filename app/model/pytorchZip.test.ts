import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { TrainingSession } from '../../src/train/session';
import { tinyData, tinyExperiment, useCpuBackend } from '../../src/testing/toy';
import type { ModelArtifacts } from '../../src/train/predictor';
import { pytorchZip, tasksWithoutData, unexportableFor, type RunTaskData } from './pytorchZip';

beforeAll(useCpuBackend);

let artifacts: ModelArtifacts;
let trainedOn: Record<string, RunTaskData>;
const config = tinyExperiment({ steps: 2, evalEvery: 2 });

beforeAll(async () => {
  const data = tinyData(config);
  const session = new TrainingSession(config, data, () => undefined);
  await session.run();
  artifacts = await session.exportModel({ withInitial: true });
  session.dispose();
  const files = Object.fromEntries(data.tasks.map((t) => [t.spec.name, t]));
  const sample = (name: string) => ({
    train: { name: `${name} (train)`, text: `${name} train text\n` },
    test: { name: `${name} (test)`, text: `${name} test text\n` },
  });
  expect(Object.keys(files).sort()).toEqual(['ner', 'pos', 'sentiment']);
  trainedOn = {
    ner: { files: sample('ner'), pinned: true, format: 'iob2' },
    pos: { files: sample('pos'), pinned: false, format: 'conllu' },
    sentiment: { files: sample('sentiment'), pinned: false, format: 'tsv' },
  };
}, 60_000);

describe('the page’s PyTorch zip', () => {
  it('points at the pinned corpus only where the run trained on it, and holds the files it trained on otherwise', () => {
    const { zip, withoutData, dataFiles } = pytorchZip(artifacts, { experiment: config }, 'p', trainedOn);
    const files = unzipSync(zip);
    const data = JSON.parse(strFromU8(files['p/data.json'] as Uint8Array)) as Record<string, Record<string, string>>;
    expect(data.ner?.train).toMatch(/^https:\/\/raw\.githubusercontent\.com\/UniversalNER\//);
    expect(data.pos).toEqual({ format: 'conllu', train: 'data/pos-train.conllu', test: 'data/pos-test.conllu' });
    expect(data.sentiment).toEqual({
      format: 'tsv',
      train: 'data/sentiment-train.tsv',
      test: 'data/sentiment-test.tsv',
    });
    expect(strFromU8(files['p/data/pos-train.conllu'] as Uint8Array)).toBe('pos train text\n');
    expect(dataFiles.sort()).toEqual([
      'data/pos-test.conllu',
      'data/pos-train.conllu',
      'data/sentiment-test.tsv',
      'data/sentiment-train.tsv',
    ]);
    expect(withoutData).toEqual([]);
    // The run's starting weights travel too: train.py --fresh starts there.
    expect(files['p/initial.safetensors']?.length).toBe(files['p/weights.safetensors']?.length);
  });

  it('names, before anything is written, a task whose data the page no longer holds', () => {
    const { pos: _dropped, ...rest } = trainedOn;
    expect(tasksWithoutData(artifacts, rest)).toEqual(['pos']);
    expect(tasksWithoutData(artifacts, {})).toEqual(['sentiment', 'ner', 'pos']);
    expect(tasksWithoutData(artifacts, trainedOn)).toEqual([]);
  });

  it('says why an experiment cannot be exported before writing it', () => {
    expect(unexportableFor(artifacts, { experiment: { ...config, weighting: 'famo' } })).toEqual([
      'the weighting method famo is not exported yet (train.py trains with manual, equal, uncertainty, dwa, pcgrad)',
    ]);
    expect(unexportableFor(artifacts, { experiment: config })).toEqual([]);
  });
});
