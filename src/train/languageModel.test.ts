import * as tf from '../tf';
import { beforeAll, describe, expect, it } from 'vitest';
import { validateExperiment } from '../config/validate';
import { singleTaskExperiment } from '../config/singleTask';
import { languageModelExample, languageModelLabels, OTHER_WORD } from '../data/languageModel';
import { prepareData } from '../data/prepare';
import { MtlModel } from '../model/mtlModel';
import { testModelSpec } from '../testing/modelSpec';
import { SAMPLE_FILES, SAMPLE_TASKS, useCpuBackend } from '../testing/toy';
import { crossEntropySum, languageModelTargets } from './loss';
import { TrainingSession } from './session';

beforeAll(useCpuBackend);

const helperExperiment = (overrides: Record<string, unknown> = {}) =>
  validateExperiment({
    tasks: [...SAMPLE_TASKS, { name: 'ner-lm', languageModelOf: 'ner' }],
    encoder: 'bigru',
    embeddingDim: 8,
    hiddenSize: 8,
    encoderLayers: 2,
    batchSize: 8,
    steps: 6,
    learningRate: 0.01,
    emitEvery: 3,
    evalEvery: 3,
    patience: 0,
    ...overrides,
  });

describe('language-model helper: targets', () => {
  it('the next word at t is the word at t+1 and the previous the word at t−1; padding and the sentence ends are masked', () => {
    // Sentence 1: words 5 6 7 then padding; sentence 2: words 8 9 then padding.
    const own = tf.tensor2d(
      [
        [5, 6, 7, 0],
        [8, 9, 0, 0],
      ],
      [2, 4],
      'int32',
    );
    const mask = tf.tensor2d([
      [1, 1, 1, 0],
      [1, 1, 0, 0],
    ]);
    const t = languageModelTargets(own, mask);
    expect(t.next.arraySync()).toEqual([
      [6, 7, 0, 0],
      [9, 0, 0, 0],
    ]);
    expect(t.nextMask.arraySync()).toEqual([
      [1, 1, 0, 0],
      [1, 0, 0, 0],
    ]);
    expect(t.previous.arraySync()).toEqual([
      [0, 5, 6, 7],
      [0, 8, 9, 0],
    ]);
    expect(t.previousMask.arraySync()).toEqual([
      [0, 1, 1, 0],
      [0, 1, 0, 0],
    ]);
    tf.dispose([own, mask, t.next, t.nextMask, t.previous, t.previousMask]);
  });

  it('a one-word sentence has nothing to predict: its loss counts no terms', () => {
    const own = tf.tensor2d([[3]], [1, 1], 'int32');
    const mask = tf.tensor2d([[1]]);
    const logits = tf.zeros([1, 1, 8]);
    const { sum, count } = crossEntropySum(logits, own, mask, 'language-model');
    expect(count.dataSync()[0]).toBe(0);
    expect(sum.dataSync()[0]).toBeCloseTo(0);
    tf.dispose([own, mask, logits, sum, count]);
  });

  it('the loss is the mean of both directions over counted positions (uniform logits give log K)', () => {
    const own = tf.tensor2d([[1, 2, 3]], [1, 3], 'int32');
    const mask = tf.tensor2d([[1, 1, 1]]);
    const logits = tf.zeros([1, 3, 2 * 4]);
    const { sum, count } = crossEntropySum(logits, own, mask, 'language-model');
    expect(count.dataSync()[0]).toBe(4);
    expect((sum.dataSync()[0] as number) / 4).toBeCloseTo(Math.log(4), 5);
    tf.dispose([own, mask, logits, sum, count]);
  });

  it('classes are the most frequent words (case folded when the vocabulary is) and every other word is one class', () => {
    const labels = languageModelLabels(
      [
        ['The', 'cat', 'the', 'dog'],
        ['the', 'cat'],
      ],
      true,
      2,
    );
    expect(labels).toEqual([OTHER_WORD, 'the', 'cat']);
    const example = languageModelExample({ tokens: ['The', 'dog', 'Cat'], label: 'x', line: 3 }, new Set(labels), true);
    expect(example.tags).toEqual(['the', OTHER_WORD, 'cat']);
  });
});

describe('language-model helper: the model cannot read the answer', () => {
  it('the next-word logits at t do not change with the word at t+1, nor the previous-word logits with the word at t−1', () => {
    const model = new MtlModel(
      testModelSpec({
        encoder: 'bigru',
        encoderLayers: 1,
        tasks: [{ name: 'lm', kind: 'tagging', numLabels: 6, languageModel: true }],
      }),
      3,
    );
    const mask = tf.ones([1, 5]) as tf.Tensor2D;
    const run = (ids: number[]) =>
      tf.tidy(() => model.forward('lm', tf.tensor2d([ids], [1, 5], 'int32'), mask).arraySync() as number[][][]);
    const base = run([4, 5, 6, 7, 8]);
    const changed = run([4, 5, 9, 7, 8]); // the word at position 2
    const k = 6;
    const nextAt = (out: number[][][], t: number) => out[0]?.[t]?.slice(0, k);
    const previousAt = (out: number[][][], t: number) => out[0]?.[t]?.slice(k);
    // Position 1 predicts word 2 (next) and position 3 predicts word 2 (previous): neither may see it.
    expect(nextAt(changed, 1)).toEqual(nextAt(base, 1));
    expect(previousAt(changed, 3)).toEqual(previousAt(base, 3));
    // A position that legitimately reads word 2 does change (the test can fail).
    expect(nextAt(changed, 2)).not.toEqual(nextAt(base, 2));
    mask.dispose();
    model.dispose();
  });
});

describe('language-model helper: configuration', () => {
  it('takes its source task format and reads the first layer under hard sharing', () => {
    const config = helperExperiment();
    const helper = config.tasks.find((t) => t.name === 'ner-lm');
    expect(helper).toMatchObject({ kind: 'tagging', format: 'iob2', languageModelOf: 'ner', readLayer: 1 });
  });

  it('is refused, with the reason, on an encoder whose states see both sides', () => {
    expect(() => helperExperiment({ encoder: 'cnn' })).toThrow(/needs the BiGRU encoder.*cnn sees both sides/);
    expect(() => helperExperiment({ encoder: 'transformer' })).toThrow(/BiGRU/);
  });

  it('is refused when its source is missing, is itself a helper, or the layer it reads is not the first', () => {
    expect(() => helperExperiment({ tasks: [{ name: 'ner-lm', languageModelOf: 'ner' }] })).toThrow(
      /"ner", which is not a task/,
    );
    expect(() =>
      helperExperiment({
        tasks: [...SAMPLE_TASKS, { name: 'a', languageModelOf: 'ner' }, { name: 'b', languageModelOf: 'a' }],
      }),
    ).toThrow(/itself a language-model helper/);
    expect(() =>
      helperExperiment({ tasks: [...SAMPLE_TASKS, { name: 'ner-lm', languageModelOf: 'ner', readLayer: 2 }] }),
    ).toThrow(/readLayer 1/);
    expect(() => helperExperiment({ sharing: 'soft' })).toThrow(/1-layer encoder/);
    expect(helperExperiment({ sharing: 'soft', encoderLayers: 1 }).tasks.at(-1)).not.toHaveProperty('readLayer');
  });

  it('its single-task baseline keeps the source at weight 0, since it reads the source sentences', () => {
    const { experiment, taskNames } = singleTaskExperiment(
      { steps: 5 },
      [{ name: 'ner' }, { name: 'pos' }, { name: 'ner-lm', languageModelOf: 'ner' }],
      'ner-lm',
    );
    expect(taskNames).toEqual(['ner', 'ner-lm']);
    expect(experiment.weights).toEqual({ ner: 0, 'ner-lm': 1 });
    expect(singleTaskExperiment({}, [{ name: 'ner' }, { name: 'pos' }], 'pos').experiment.weights).toEqual({ pos: 1 });
  });
});

describe('language-model helper: data and training', () => {
  it('models the source training sentences (same split, same cap) and leaves the vocabulary and word counts as without it', () => {
    const config = helperExperiment({
      tasks: [
        { ...SAMPLE_TASKS[1], maxTrain: 40 },
        { name: 'ner-lm', languageModelOf: 'ner' },
      ],
    });
    const data = prepareData(config, SAMPLE_FILES);
    const [ner, helper] = data.tasks;
    expect(helper?.gold.train.map((e) => e.tokens)).toEqual(ner?.gold.train.map((e) => e.tokens));
    expect(helper?.gold.test.map((e) => e.tokens)).toEqual(ner?.gold.test.map((e) => e.tokens));
    expect(helper?.labels[0]).toBe(OTHER_WORD);
    const alone = prepareData(
      validateExperiment({ ...config, tasks: [{ ...SAMPLE_TASKS[1], maxTrain: 40 }], weights: {} }),
      SAMPLE_FILES,
    );
    expect(data.vocabulary.tokens).toEqual(alone.vocabulary.tokens);
    expect([...data.wordCounts]).toEqual([...alone.wordCounts]);
  });

  it('models the texts of a classification task too (a sentiment file): one class per token, from the texts', () => {
    const config = helperExperiment({
      tasks: [SAMPLE_TASKS[0], { name: 'sentiment-lm', languageModelOf: 'sentiment' }],
    });
    const [sentiment, helper] = prepareData(config, SAMPLE_FILES).tasks;
    expect(config.tasks[1]).toMatchObject({ format: 'tsv', kind: 'tagging' });
    const first = sentiment?.gold.train[0];
    const firstHelper = helper?.gold.train[0];
    expect(firstHelper?.tokens).toEqual(first?.tokens);
    expect(firstHelper && 'tags' in firstHelper && firstHelper.tags.length).toBe(first?.tokens.length);
    expect(helper?.splits.train[0]?.target).toBeInstanceOf(Int32Array);
  });

  it('trains with the other tasks: finite losses, an accuracy, no tensor left behind, and Try it shows only labelled tasks', async () => {
    const config = helperExperiment({
      tasks: [SAMPLE_TASKS[1], { name: 'ner-lm', languageModelOf: 'ner' }],
      steps: 4,
      evalEvery: 2,
      emitEvery: 2,
      encoderLayers: 1,
    });
    const before = tf.memory().numTensors;
    const session = new TrainingSession(config, prepareData(config, SAMPLE_FILES), () => undefined);
    const result = await session.run();
    const helper = result.test['ner-lm'];
    expect(helper?.accuracy).toBeGreaterThan(0);
    expect(helper?.accuracy).toBeLessThanOrEqual(1);
    const prediction = await session.predict('Maria visited Lisbon .');
    expect(Object.keys(prediction.tasks)).toEqual(['ner']);
    session.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
