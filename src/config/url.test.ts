import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXPERIMENT_FIELDS } from './fields';
import { DEFAULT_FORM, upgradeSavedForm, type ExperimentForm } from './form';
import { decodeLink, encodeLink, HIDEABLE } from './url';
import { validateExperiment } from './validate';

const state = (form: Partial<ExperimentForm>) => ({
  form: { ...DEFAULT_FORM, ...form },
  autorun: false,
  hide: [],
  preset: null,
});

describe('experiment links', () => {
  it('reads the readable form from the issue', () => {
    const d = decodeLink('?tasks=sentiment,ner,pos&w=1,0.5,1&share=soft&lambda=0.01&seed=7');
    expect(d.notices).toEqual([]);
    expect(d.form).toMatchObject({
      sharing: 'soft',
      lambda: 0.01,
      seed: 7,
      weights: { sentiment: 1, ner: 0.5, pos: 1 },
    });
  });

  it('carries a language-model helper with its weight, and drops one whose source task is off, with a notice', () => {
    const form = {
      ...DEFAULT_FORM,
      encoder: 'bigru' as const,
      enabled: { ...DEFAULT_FORM.enabled, 'ner-lm': true },
      weights: { ...DEFAULT_FORM.weights, 'ner-lm': 0.2 },
    };
    const link = encodeLink(state(form));
    expect(link).toContain('tasks=sentiment,ner,pos,ner-lm');
    const back = decodeLink(link);
    expect(back.notices).toEqual([]);
    expect(back.form.enabled['ner-lm']).toBe(true);
    expect(back.form.weights['ner-lm']).toBe(0.2);
    const orphan = decodeLink('?tasks=pos,ner-lm');
    expect(orphan.form.enabled['ner-lm']).toBe(false);
    expect(orphan.notices.join(' ')).toMatch(/"ner-lm" models the sentences of "ner", which the link leaves off/);
  });

  it.each([
    ['sharing', { sharing: 'soft' as const }],
    ['lambda', { lambda: 2.5 }],
    ['encoder', { encoder: 'transformer' as const }],
    ['embeddingDim', { embeddingDim: 48 }],
    ['hiddenSize', { hiddenSize: 96 }],
    ['encoderLayers', { encoderLayers: 3 }],
    ['headLayers', { headLayers: 2 }],
    ['learningRate', { learningRate: 0.0003 }],
    ['batchSize', { batchSize: 64 }],
    ['steps', { steps: 1234 }],
    ['patience', { patience: 0 }],
    ['seed', { seed: 42 }],
    ['backend', { backend: 'webgl' as const }],
    ['representation', { representation: 'chars' as const }],
    ['word dropout and trunk dropout', { wordDropout: 1.5, trunkDropout: 0.1 }],
    [
      'enabled + weights',
      {
        enabled: { sentiment: false, ner: true, pos: true, 'sentiment-lm': false, 'ner-lm': false, 'pos-lm': false },
        weights: { sentiment: 1, ner: 0.25, pos: 3 },
      },
    ],
    ['caps', { maxTrain: { sentiment: null, ner: 200, pos: null } }],
  ])('round trip of %s', (_name, change) => {
    const s = state(change);
    const d = decodeLink(encodeLink(s));
    expect(d.notices).toEqual([]);
    expect(d.form).toEqual(s.form);
  });

  it('round trips autorun, hide and preset', () => {
    const s = { form: DEFAULT_FORM, autorun: true, hide: ['architecture', 'model'] as const, preset: 'ner-with-pos' };
    expect(decodeLink(encodeLink({ ...s, hide: [...s.hide] }))).toMatchObject({
      autorun: true,
      hide: ['architecture', 'model'],
      preset: 'ner-with-pos',
      notices: [],
    });
  });

  it('round trips the Present layout and a lesson step; bad values get a notice and a sensible place', () => {
    const link = encodeLink({
      form: DEFAULT_FORM,
      autorun: false,
      hide: [],
      preset: null,
      present: true,
      lesson: { id: 'what-lambda-does', step: 2 },
    });
    expect(link).toContain('present=1');
    expect(decodeLink(link)).toMatchObject({ present: true, lesson: { id: 'what-lambda-does', step: 2 }, notices: [] });
    expect(decodeLink('?tasks=ner')).toMatchObject({ present: false, lesson: null });
    expect(decodeLink('?lesson=tasks-fight')).toMatchObject({ lesson: { id: 'tasks-fight', step: 1 } });
    const bad = decodeLink('?present=yes&lesson=tasks-fight&step=0');
    expect(bad.present).toBe(false);
    expect(bad.lesson).toEqual({ id: 'tasks-fight', step: 1 });
    expect(bad.notices).toEqual([
      'present="yes" must be 0 or 1: the usual layout is shown.',
      'step="0" must be a whole number from 1: the lesson opens at its first step.',
    ]);
    expect(decodeLink('?lesson=%3Cscript%3E')).toMatchObject({
      lesson: null,
      notices: [`lesson="<script>" is not a lesson's name.`],
    });
  });

  it('round trips layer-wise hard sharing: shared layers and the layer each head reads', () => {
    const form = {
      ...DEFAULT_FORM,
      encoderLayers: 3,
      sharedLayers: 2,
      readLayer: { ...DEFAULT_FORM.readLayer, pos: 1 },
    };
    const query = encodeLink({ form, autorun: false, hide: [], preset: null });
    expect(query).toContain('shared=2');
    expect(query).toContain('read=-,-,1');
    const back = decodeLink(query);
    expect(back.notices).toEqual([]);
    expect(back.form.sharedLayers).toBe(2);
    expect(back.form.readLayer).toEqual({ sentiment: null, ner: null, pos: 1 });
    expect(decodeLink('tasks=ner,pos&read=x,9').notices.join('\n')).toMatch(
      /The layer ner reads "x" must be a whole number from 1 to 6/,
    );
  });

  it('round trips "NER and POS on the same sentences" (joint=1), off by default', () => {
    const on = { form: { ...DEFAULT_FORM, sameSentences: true }, autorun: false, hide: [], preset: null };
    expect(encodeLink(on)).toContain('joint=1');
    expect(decodeLink(encodeLink(on)).form.sameSentences).toBe(true);
    expect(encodeLink({ ...on, form: DEFAULT_FORM })).not.toContain('joint');
    expect(decodeLink('tasks=ner,pos').form.sameSentences).toBe(false);
  });

  it.each([
    ['unknown key', 'foo=1', /Unknown setting "foo"/],
    ['bad joint flag', 'joint=yes', /joint="yes" must be 0 or 1/],
    ['unknown sharing', 'share=diagonal', /share="diagonal" must be one of hard, soft, crossstitch/],
    ['unknown task', 'tasks=pos,chess', /Unknown task "chess"/],
    ['non-number weight', 'tasks=pos&w=abc', /The weight of pos "abc" must be a number from 0 to 10/],
    ['negative number', 'lr=-1', /lr="-1" must be between/],
    ['huge number', 'steps=1e12', /steps="1e12" must be between/],
    ['overflow', 'lambda=1e309', /lambda="1e309" is not a number/],
    ['repeated key', 'seed=3&seed=4', /"seed" appears more than once/],
    ['100 kB value', `seed=${'9'.repeat(100_000)}`, /"seed" is 100000 characters long/],
    [
      'script in a value',
      'share=<script>alert(1)</script>',
      /share="<script>alert\(1\)<\/script>" must be one of hard, soft/,
    ],
    ['old schema', 'v=0&sharing=soft&weights=2', /older format \(v=0\)/],
    ['unknown version', 'v=99', /Unknown link version "99"/],
  ])('%s: the valid part applies, the rest gets a notice', (_name, query, notice) => {
    const d = decodeLink(query);
    expect(d.notices.join('\n')).toMatch(notice);
    expect(() =>
      validateExperiment({ ...d.form, tasks: [{ name: 'pos', format: 'conllu' }], weights: { pos: 1 } }),
    ).not.toThrow();
  });

  it('migrates renamed keys of v=0 links', () => {
    const d = decodeLink('v=0&tasks=ner&sharing=soft&weights=2');
    expect(d.form.sharing).toBe('soft');
    expect(d.form.weights.ner).toBe(2);
  });

  it('keeps defaults and the first value on repeated keys', () => {
    expect(decodeLink('seed=3&seed=4').form.seed).toBe(3);
    expect(decodeLink('lambda=1e309').form.lambda).toBe(EXPERIMENT_FIELDS.lambda.default);
  });

  it('any query string gives a valid experiment and the notices, never a throw (property)', () => {
    const hostileValue = fc.oneof(
      fc.string(),
      fc.constantFrom(
        '1e309',
        '-1',
        'NaN',
        'Infinity',
        '<script>alert(1)</script>',
        '0x10',
        '',
        ',,,',
        'soft',
        'hard',
        '1,0.5,1',
        '%00',
        '1'.repeat(3000),
      ),
      fc.double().map(String),
      fc.integer().map(String),
    );
    const keys = fc.constantFrom(
      'v',
      'tasks',
      'w',
      'cap',
      'share',
      'lambda',
      'enc',
      'emb',
      'hidden',
      'layers',
      'head',
      'lr',
      'batch',
      'steps',
      'patience',
      'seed',
      'backend',
      'autorun',
      'hide',
      'preset',
      'zzz',
      '__proto__',
      'constructor',
    );
    const query = fc
      .array(fc.tuple(keys, hostileValue), { maxLength: 12 })
      .map((pairs) => pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&'));
    fc.assert(
      fc.property(fc.oneof(query, fc.string()), (q) => {
        const d = decodeLink(q);
        const tasks = Object.entries(d.form.enabled)
          .filter(([, on]) => on)
          .map(([name]) => name);
        expect(tasks.length).toBeGreaterThan(0);
        const config = validateExperiment({
          ...d.form,
          tasks: tasks.map((name) => ({
            name,
            format: name === 'sentiment' ? 'tsv' : name === 'ner' ? 'iob2' : 'conllu',
            ...(d.form.maxTrain[name] ? { maxTrain: d.form.maxTrain[name] } : {}),
          })),
          weights: Object.fromEntries(tasks.map((t) => [t, d.form.weights[t] ?? 1])),
        });
        expect(config.tasks.length).toBe(tasks.length);
        expect(d.hide.every((h) => (HIDEABLE as readonly string[]).includes(h))).toBe(true);
        // Anything ignored is said.
        const encoded = encodeLink(d);
        expect(decodeLink(encoded).form).toEqual(d.form);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a representation that does not exist, or a dropout out of range, with a notice', () => {
    const d = decodeLink('?rep=bytes&wdrop=-1&tdrop=0.95');
    expect(d.form.representation).toBe(DEFAULT_FORM.representation);
    expect(d.form.wordDropout).toBe(DEFAULT_FORM.wordDropout);
    expect(d.form.trunkDropout).toBe(DEFAULT_FORM.trunkDropout);
    expect(d.notices).toEqual([
      'rep="bytes" must be one of word, features, chars: kept features.',
      'wdrop="-1" must be between 0 and 10: kept 0.25.',
      'tdrop="0.95" must be between 0 and 0.9: kept 0.25.',
    ]);
  });

  it('carries the hashed affix settings, and refuses ones out of range with a notice', () => {
    const d = decodeLink('?suffix=2-4&affix=8191');
    expect(d.form).toMatchObject({ suffixes: '2-4', affixRows: 8191 });
    expect(d.notices).toEqual([]);
    expect(encodeLink(state(d.form))).toContain('affix=8191&suffix=2-4');
    const bad = decodeLink('?suffix=1-5&affix=8');
    expect(bad.form).toMatchObject({ suffixes: DEFAULT_FORM.suffixes, affixRows: DEFAULT_FORM.affixRows });
    expect(bad.notices).toEqual([
      'suffix="1-5" must be one of 3, 2-4: kept 3.',
      'affix="8" must be between 16 and 131072: kept 2039.',
    ]);
  });

  it('a form saved before the affix settings were on the page is read as what it trained: 2,039 rows, the last 3 letters', () => {
    const { affixRows: _a, suffixes: _s, ...old } = DEFAULT_FORM;
    const upgraded = upgradeSavedForm(old as ExperimentForm);
    expect(upgraded).toMatchObject({ affixRows: 2039, suffixes: '3' });
    expect(decodeLink(encodeLink(state(upgraded))).notices).toEqual([]);
  });

  it('a form saved before representations existed is read as word ids without dropout', () => {
    const { representation: _r, wordDropout: _w, trunkDropout: _t, ...old } = DEFAULT_FORM;
    const upgraded = upgradeSavedForm(old as ExperimentForm);
    expect(upgraded).toMatchObject({ representation: 'word', wordDropout: 0, trunkDropout: 0 });
    expect(decodeLink(encodeLink(state(upgraded))).notices).toEqual([]);
  });
});

describe('the debug flag', () => {
  it('?debug=1 (the browser tests and the soak script open it) is a known flag: no "Unknown setting" notice', () => {
    expect(decodeLink('?tasks=ner&steps=5000&debug=1').notices).toEqual([]);
  });
});
