import type { DataFormat, TaskSpec } from '../config/experiment';
import type { ParsedExamples } from './formats';
import type { DataFile, TaskFiles } from './prepare';
import { NER_TAG } from './tokenPerLine';
import type { LabelledText, TaggedSentence } from './types';
import type { ParsedSplit } from './userSplit';

/**
 * Tagged sentences as CoNLL-U (any tags, e.g. POS) or as IOB2 one token a
 * line in the Universal NER shape `id<TAB>token<TAB>tag`: the numeric id keeps
 * tokens such as `-DOCSTART-` or `#` from being read as markers. Sentence ids
 * become `# sent_id` comments, so joins on sent_id keep working.
 */
export function serialiseTagged(
  sentences: readonly Pick<TaggedSentence, 'id' | 'tokens' | 'tags'>[],
  format: 'conllu' | 'iob2',
): string {
  const blocks = sentences.map((s) => {
    const lines = s.id === undefined ? [] : [`# sent_id = ${s.id}`];
    s.tokens.forEach((token, i) => {
      const tag = s.tags[i] ?? '';
      lines.push(
        format === 'conllu' ? `${i + 1}\t${token}\t_\t${tag}\t_\t_\t_\t_\t_\t_` : `${i + 1}\t${token}\t${tag}`,
      );
    });
    return lines.join('\n');
  });
  return blocks.join('\n\n') + '\n';
}

/** A field quoted when the parser would otherwise misread it (delimiter, line break, leading quote). */
function field(value: string, delimiter: '\t' | ','): string {
  const needsQuotes =
    value.startsWith('"') ||
    value.includes(delimiter) ||
    /[\r\n]/.test(value) ||
    (delimiter === ',' && value.includes('"'));
  return needsQuotes ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Labelled texts as TSV (or CSV) with a `sentence`/`label` header; tokens are joined with spaces. */
export function serialiseLabelled(texts: readonly LabelledText[], delimiter: '\t' | ',' = '\t'): string {
  const rows = texts.map((t) => `${field(t.tokens.join(' '), delimiter)}${delimiter}${field(t.label, delimiter)}`);
  return [`sentence${delimiter}label`, ...rows].join('\n') + '\n';
}

/** The format a task's examples are written in: IOB2 when every tag is an IOB tag, else CoNLL-U; TSV for texts. */
function formatFor(parsed: ParsedExamples): DataFormat {
  if (parsed.kind === 'classification') return 'tsv';
  return parsed.examples.every((s) => s.tags.every((t) => NER_TAG.test(t))) ? 'iob2' : 'conllu';
}

function serialise(parsed: ParsedExamples, format: DataFormat): string {
  if (parsed.kind === 'classification') return serialiseLabelled(parsed.examples);
  return serialiseTagged(parsed.examples, format === 'iob2' ? 'iob2' : 'conllu');
}

/**
 * Turns a user split back into files that prepareData reads, with the spec
 * fields that read them (format and, for texts, the written column names:
 * column guesses made for the user's original file no longer apply). The
 * format is chosen from the train tags, so all three files agree.
 */
export function userSplitFiles(
  name: string,
  split: ParsedSplit,
): { files: TaskFiles; spec: Pick<TaskSpec, 'format' | 'textColumn' | 'labelColumn'> } {
  const format = formatFor(split.train);
  const file = (part: string, parsed: ParsedExamples): DataFile => ({
    name: `${name} (${part})`,
    text: serialise(parsed, format),
  });
  const files: TaskFiles = {
    train: file('train', split.train),
    ...(split.dev.examples.length > 0 ? { dev: file('dev', split.dev) } : {}),
    ...(split.test.examples.length > 0 ? { test: file('test', split.test) } : {}),
  };
  const spec = format === 'tsv' ? { format, textColumn: 'sentence', labelColumn: 'label' } : { format };
  return { files, spec };
}
