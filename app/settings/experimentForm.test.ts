import { describe, expect, it } from 'vitest';
import { validateExperiment } from '../../src/config/validate';
import { DEFAULT_FORM, parseSetting, parseWeight, toExperiment } from './experimentForm';

describe('experiment form', () => {
  it('the defaults make a valid experiment of the enabled tasks', () => {
    const config = validateExperiment(
      toExperiment({
        ...DEFAULT_FORM,
        enabled: { sentiment: true, ner: false, pos: true },
        maxTrain: { sentiment: 50, ner: null, pos: null },
      }),
    );
    expect(config.tasks.map((t) => t.name)).toEqual(['sentiment', 'pos']);
    expect(config.tasks[0]?.maxTrain).toBe(50);
    expect(config.weights).toEqual({ sentiment: 1, pos: 1 });
  });

  it('a language-model helper that is on joins the experiment after the labelled tasks, with weight 0.1 until set, and only while its source is on', () => {
    const form = {
      ...DEFAULT_FORM,
      encoder: 'bigru' as const,
      enabled: { sentiment: false, ner: true, pos: true, 'pos-lm': true },
    };
    const config = validateExperiment(toExperiment(form));
    expect(config.tasks.map((t) => t.name)).toEqual(['ner', 'pos', 'pos-lm']);
    expect(config.tasks[2]).toMatchObject({ languageModelOf: 'pos', format: 'conllu', readLayer: 1 });
    expect(config.weights['pos-lm']).toBe(0.1);
    const sourceOff = toExperiment({ ...form, enabled: { ...form.enabled, pos: false } });
    expect(sourceOff.tasks.map((t) => t.name)).toEqual(['ner']);
    expect(() => validateExperiment(toExperiment({ ...form, encoder: 'cnn' }))).toThrow(/needs the BiGRU encoder/);
  });

  it.each([
    ['batchSize', '0', 'Between 1 and 1024.'],
    ['batchSize', '2.5', 'Enter a whole number.'],
    ['learningRate', 'abc', 'Enter a number.'],
    ['learningRate', '', 'Enter a number.'],
    ['steps', '1e309', 'Enter a number.'],
  ] as const)('%s = %j is refused at the control: %s', (key, text, error) => {
    expect(parseSetting(key, text)).toEqual({ error });
  });

  it('the hashed affix settings on the form reach the experiment the worker trains', () => {
    expect(toExperiment(DEFAULT_FORM)).toMatchObject({ suffixes: '3', affixRows: 2039 });
    expect(toExperiment({ ...DEFAULT_FORM, suffixes: '2-4', affixRows: 8191 })).toMatchObject({
      suffixes: '2-4',
      affixRows: 8191,
    });
    expect(parseSetting('affixRows', '8')).toEqual({ error: 'Between 16 and 131072.' });
  });

  it('accepts valid values and weights in 0…10 rounded to 0.01', () => {
    expect(parseSetting('learningRate', '0.01')).toEqual({ value: 0.01 });
    expect(parseWeight('2.345')).toEqual({ value: 2.35 });
    expect(parseWeight('11')).toEqual({ error: 'Between 0 and 10.' });
    expect(parseWeight('-1')).toEqual({ error: 'Between 0 and 10.' });
  });
});
