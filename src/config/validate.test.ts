import { describe, expect, it } from 'vitest';
import { EXPERIMENT_FIELDS, SETTING_KEYS, defaultSettings } from './fields';
import { ConfigError, validateExperiment } from './validate';

const task = { name: 'pos', kind: 'tagging', format: 'conllu' };

describe('validateExperiment', () => {
  it('fills defaults from the field table and gives unnamed tasks weight 1', () => {
    const c = validateExperiment({ tasks: [task, { name: 'ner', format: 'iob2' }], weights: { ner: 0.5 } });
    expect(c.weights).toEqual({ pos: 1, ner: 0.5 });
    expect(c.tasks[1]?.kind).toBe('tagging');
    for (const key of SETTING_KEYS) expect(c[key]).toBe(EXPERIMENT_FIELDS[key].default);
    expect(defaultSettings().sharing).toBe('hard');
  });

  it.each([
    [{}, '"tasks" must list at least one task'],
    [{ tasks: [] }, '"tasks" must list at least one task'],
    [{ tasks: [task, task] }, 'two tasks are named "pos"'],
    [{ tasks: [{ ...task, name: '<script>' }] }, 'tasks[0].name must be a short name'],
    [
      { tasks: [{ ...task, kind: 'classification' }] },
      "a conllu file holds tagging data, but the task's kind is classification",
    ],
    [{ tasks: [{ ...task, maxTrain: 0 }] }, 'maxTrain must be a positive whole number'],
    [{ tasks: [task], weights: { pos: -1 } }, 'the weight of task "pos" must be a number ≥ 0, got -1'],
    [{ tasks: [task], weights: { pos: Number.NaN } }, 'the weight of task "pos" must be a number ≥ 0, got NaN'],
    [{ tasks: [task], weights: { pos: 'abc' } }, 'got "abc"'],
    [{ tasks: [task], weights: { ner: 1 } }, '"weights" names "ner", which is not a task'],
    [{ tasks: [task], weights: { pos: 0 } }, 'every task weight is 0'],
    [{ tasks: [task], batchSize: 0 }, '"batchSize" must be between 1 and 1024, got 0'],
    [{ tasks: [task], batchSize: 2.5 }, '"batchSize" must be a whole number'],
    [{ tasks: [task], learningRate: 'fast' }, '"learningRate" must be a number, got "fast"'],
    [{ tasks: [task], learningRate: Infinity }, '"learningRate" must be a number, got Infinity'],
    [{ tasks: [task], sharing: 'medium' }, '"sharing" must be one of hard, soft'],
    [{ tasks: [task], lowercase: 'yes' }, '"lowercase" must be true or false'],
    [{ tasks: [task], representation: 'bytes' }, '"representation" must be one of word, features, chars, got "bytes"'],
    [{ tasks: [task], wordDropout: 11 }, '"wordDropout" must be between 0 and 10, got 11'],
    [{ tasks: [task], validationSample: -1 }, '"validationSample" must be between 0 and 1000000, got -1'],
  ])('%j → %s', (raw, message) => {
    expect(() => validateExperiment(raw)).toThrowError(ConfigError);
    expect(() => validateExperiment(raw)).toThrowError(message);
  });
});
