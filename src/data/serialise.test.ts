import { describe, expect, it } from 'vitest';
import { validateExperiment } from '../config/validate';
import { parseConllu } from './conllu';
import { parseTaskFile } from './formats';
import { prepareData } from './prepare';
import { sampleCorpus } from './samples';
import { serialiseLabelled, serialiseTagged, userSplitFiles } from './serialise';
import { parseTextLabel } from './textLabel';
import { parseTokenPerLine } from './tokenPerLine';
import type { TaggedSentence } from './types';
import { splitParsed } from './userSplit';

/** What survives a round trip: everything but the file line. */
const content = (sentences: readonly TaggedSentence[]) =>
  sentences.map(({ id, tokens, tags }) => ({ id, tokens, tags }));

describe('serialise', () => {
  it('IOB2 round trip keeps ids, tokens and tags, even tokens that look like markers', () => {
    const sentences: TaggedSentence[] = [
      { id: 'a-1', tokens: ['#', 'Ann', 'Lee', '-DOCSTART-'], tags: ['O', 'B-PER', 'I-PER', 'O'], line: 1 },
      { tokens: ['New York'], tags: ['B-LOC'], line: 9 },
    ];
    const text = serialiseTagged(sentences, 'iob2');
    expect(text).toBe(
      '# sent_id = a-1\n1\t#\tO\n2\tAnn\tB-PER\n3\tLee\tI-PER\n4\t-DOCSTART-\tO\n\n1\tNew York\tB-LOC\n',
    );
    expect(content(parseTokenPerLine(text))).toEqual([
      { id: 'a-1', tokens: ['#', 'Ann', 'Lee', '-DOCSTART-'], tags: ['O', 'B-PER', 'I-PER', 'O'] },
      { id: undefined, tokens: ['New York'], tags: ['B-LOC'] },
    ]);
  });

  it('CoNLL-U round trip of the POS sample', () => {
    const pos = parseConllu(sampleCorpus().pos.dev);
    expect(content(parseConllu(serialiseTagged(pos, 'conllu')))).toEqual(content(pos));
  });

  it('TSV and CSV round trips keep tokens and labels, quoting where needed', () => {
    const texts = parseTextLabel('text,label\n"""Wow"" she said, twice",pos\nplain text,neg\n"tab\tinside",pos\n', {
      delimiter: ',',
    });
    for (const delimiter of ['\t', ','] as const) {
      const back = parseTextLabel(serialiseLabelled(texts, delimiter), { delimiter });
      expect(back.map(({ tokens, label }) => ({ tokens, label }))).toEqual(
        texts.map(({ tokens, label }) => ({ tokens, label })),
      );
    }
    // Tokens are joined with spaces; a text that starts with a quote is quoted, or the reader would take it for a quoted field.
    expect(serialiseLabelled(texts.slice(0, 2))).toBe(
      'sentence\tlabel\n""" Wow "" she said , twice"\tpos\nplain text\tneg\n',
    );
    expect(serialiseLabelled(texts.slice(0, 1), ',')).toBe('sentence,label\n""" Wow "" she said , twice",pos\n');
  });

  it('a user split becomes task files that prepareData reads', () => {
    const corpus = sampleCorpus();
    const cases = [
      { kind: 'tagging', text: corpus.ner.train, format: 'iob2' },
      { kind: 'tagging', text: corpus.pos.train, format: 'conllu' },
      { kind: 'classification', text: corpus.sentiment.train, format: 'tsv' },
    ] as const;
    for (const { kind, text, format } of cases) {
      const parsed = parseTaskFile(text, { format });
      const split = splitParsed(parsed, { train: 0.8, dev: 0.1, test: 0.1 }, 5);
      const { files, spec } = userSplitFiles('mine', split);
      expect(spec.format).toBe(format);
      const config = validateExperiment({ tasks: [{ name: 'mine', kind, ...spec }] });
      const task = prepareData(config, { mine: files }).tasks[0];
      expect([task?.splits.train.length, task?.splits.valid.length, task?.splits.test.length]).toEqual([320, 40, 40]);
      expect(task?.gold.valid.map((e) => e.tokens)).toEqual(split.dev.examples.map((e) => e.tokens));
    }
  });
});
