import { describe, expect, it } from 'vitest';
import { validateExperiment } from '../config/validate';
import { SAMPLE_FILES, SAMPLE_TASKS } from '../testing/toy';
import { DataError, prepareData } from './prepare';
import { UNK_ID, Vocabulary } from './vocabulary';

describe('prepareData', () => {
  it('holds out a seeded validation share, caps training data, and builds the vocabulary from training data only', () => {
    const config = validateExperiment({ tasks: [{ ...SAMPLE_TASKS[2], maxTrain: 50 }], validationFraction: 0.2 });
    const files = { pos: { train: SAMPLE_FILES.pos!.train, test: SAMPLE_FILES.pos!.test } };
    const data = prepareData(config, files);
    const pos = data.tasks[0]!;
    expect(pos.splits.valid).toHaveLength(80); // 20% of 400
    expect(pos.splits.train).toHaveLength(50);
    expect(pos.splits.test).toHaveLength(100);
    const trainTokens = new Set(pos.gold.train.flatMap((s) => s.tokens.map((t) => t.toLowerCase())));
    expect(data.vocabulary.size).toBe(trainTokens.size + 2);
    // The same seed gives the same split.
    expect(prepareData(config, files).tasks[0]!.gold.valid).toEqual(pos.gold.valid);
  });

  it('uses a dev file when there is one, and shares one vocabulary across tasks', () => {
    const config = validateExperiment({ tasks: SAMPLE_TASKS });
    const data = prepareData(config, SAMPLE_FILES);
    expect(data.tasks.map((t) => t.splits.valid.length)).toEqual([100, 100, 100]);
    expect(data.tasks.map((t) => t.labels.length)).toEqual([2, 7, 15]);
  });

  it('names a task without files', () => {
    const config = validateExperiment({ tasks: SAMPLE_TASKS });
    expect(() => prepareData(config, { pos: SAMPLE_FILES.pos! })).toThrowError(
      new DataError('task "sentiment" has no training file'),
    );
  });
});

describe('Vocabulary', () => {
  it('keeps <pad> and <unk> first, counts, lower-cases and caps', () => {
    const v = Vocabulary.build(
      [
        ['The', 'cat'],
        ['the', 'dog', 'the'],
      ],
      { minCount: 1, lowercase: true },
    );
    expect(v.tokens).toEqual(['<pad>', '<unk>', 'the', 'cat', 'dog']);
    expect(Array.from(v.encode(['THE', 'bird']))).toEqual([2, UNK_ID]);
    expect(Vocabulary.build([['a', 'a', 'b']], { minCount: 2 }).tokens).toEqual(['<pad>', '<unk>', 'a']);
    expect(Vocabulary.build([['a', 'b', 'b', 'c']], { maxSize: 1, lowercase: false }).tokens).toEqual([
      '<pad>',
      '<unk>',
      'b',
    ]);
    expect(v.coverage([['the', 'bird']])).toBe(0.5);
  });
});
