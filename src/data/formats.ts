import type { DataFormat, TaskSpec } from '../config/experiment';
import { parseConllu } from './conllu';
import { parseTextLabel } from './textLabel';
import { parseTokenPerLine } from './tokenPerLine';
import type { LabelledText, TaggedSentence } from './types';

export type ParsedExamples =
  | { readonly kind: 'tagging'; readonly examples: TaggedSentence[] }
  | { readonly kind: 'classification'; readonly examples: LabelledText[] };

/** How a file is read: the task's format and columns, and for TSV/CSV whether the first row is a header (default true). */
export type FileReading = Pick<TaskSpec, 'format' | 'textColumn' | 'labelColumn'> & { readonly header?: boolean };

/** Reads one file of a task in the task's format. Throws ParseError (with line) on bad content. */
export function parseTaskFile(text: string, spec: FileReading): ParsedExamples {
  const format: DataFormat = spec.format;
  switch (format) {
    case 'conllu':
      return { kind: 'tagging', examples: parseConllu(text) };
    case 'iob2':
    case 'conll2003':
      return { kind: 'tagging', examples: parseTokenPerLine(text) };
    case 'tsv':
    case 'csv':
      return {
        kind: 'classification',
        examples: parseTextLabel(text, {
          delimiter: format === 'tsv' ? '\t' : ',',
          ...(spec.header === undefined ? {} : { header: spec.header }),
          ...(spec.textColumn === undefined ? {} : { textColumn: spec.textColumn }),
          ...(spec.labelColumn === undefined ? {} : { labelColumn: spec.labelColumn }),
        }),
      };
  }
}
