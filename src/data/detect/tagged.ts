import { FORMAT_KIND, type DataFormat } from '../../config/experiment';
import type { Detection } from '../detect';
import { ParseError } from '../parseError';
import { quoted } from '../textInput';
import { NER_TAG, readTokenLine, type TokenLine } from '../tokenPerLine';
import { dataLines, MAJORITY, modalValue, phrase, type SampledLine } from './lines';

/** Sniffing the tagging formats: CoNLL-U word lines, and one token a line with IOB tags (IOB2 or CoNLL-2003). */

const CONLLU_ID = /^[0-9]+(?:[-.][0-9]+)?$/;
const IOB2_EXTENSIONS = ['iob2', 'iob', 'bio', 'ner'];
const CONLL_EXTENSIONS = ['conll', 'conll2003', 'conll03'];

export function detectConllu(lines: readonly SampledLine[]): Detection | undefined {
  const data = dataLines(lines);
  const matching = data.filter((l) => {
    const cols = l.text.trimEnd().split('\t');
    return cols.length === 10 && CONLLU_ID.test(cols[0] ?? '');
  }).length;
  if (data.length === 0 || matching < MAJORITY * data.length) return undefined;
  const sentIds = lines.some((l) => /^#\s*sent_id\s*=/.test(l.text));
  return {
    format: 'conllu',
    kind: FORMAT_KIND.conllu,
    reason:
      `${phrase(matching, data.length, 'word lines')} have the 10 tab-separated CoNLL-U columns with numeric word ids` +
      `${sentIds ? ', and sentences carry # sent_id comments' : ''}; the tag is the UPOS column (4).`,
    tokenColumns: { separator: 'tab', count: 10, tokenColumn: 1, tagColumn: 3 },
  };
}

interface TokenLineSample {
  readonly lineNo: number;
  readonly parsed: TokenLine | undefined;
  readonly text: string;
}

/** Token lines as the token-per-line parser sees them (comments and -DOCSTART- left out). */
function tokenLines(lines: readonly SampledLine[]): {
  tokens: TokenLineSample[];
  docStart: boolean;
  blocks: number;
} {
  const tokens: TokenLineSample[] = [];
  let docStart = false;
  let blocks = 0;
  let inBlock = false;
  for (const { text: raw, lineNo } of lines) {
    const text = raw.trimEnd();
    if (text.trim() === '' || text.startsWith('-DOCSTART-')) {
      docStart ||= text.startsWith('-DOCSTART-');
      inBlock = false;
      continue;
    }
    const parsed = readTokenLine(text);
    if (text.startsWith('#') && (parsed === undefined || !NER_TAG.test(parsed.tag))) continue;
    if (!inBlock) blocks++;
    inBlock = true;
    tokens.push({ lineNo, parsed, text });
  }
  return { tokens, docStart, blocks };
}

function splitColumns(text: string): string[] {
  return text.includes('\t') ? text.split('\t') : text.trim().split(/\s+/);
}

/** A column other than the parser's tag column that holds IOB tags: the parser would not find them. */
function misplacedTagColumn(tokens: readonly TokenLineSample[]): { column: number; count: number } | undefined {
  const rows = tokens.map((t) => splitColumns(t.text));
  const count = modalValue(rows.map((r) => r.length));
  if (count < 2) return undefined;
  for (let column = 0; column < count; column++) {
    const values = rows.map((r) => r[column] ?? '');
    const iob = values.filter((v) => NER_TAG.test(v)).length;
    const entities = values.some((v) => v !== 'O' && NER_TAG.test(v));
    if (entities && iob >= MAJORITY * rows.length) return { column, count };
  }
  return undefined;
}

export function detectTokenPerLine(lines: readonly SampledLine[], extension: string): Detection | undefined {
  const { tokens, docStart, blocks } = tokenLines(lines);
  if (tokens.length === 0) return undefined;
  const singleTokens = tokens.filter((t) => t.parsed !== undefined && !/\s/.test(t.parsed.token)).length;
  if (singleTokens < MAJORITY * tokens.length) return undefined;
  const tagged = tokens.filter((t) => t.parsed !== undefined && NER_TAG.test(t.parsed.tag));
  const firstUntagged = tokens.find((t) => t.parsed === undefined || !NER_TAG.test(t.parsed.tag));

  if (tagged.length < MAJORITY * tokens.length) {
    const misplaced = misplacedTagColumn(tokens);
    if (misplaced && firstUntagged) {
      throw new ParseError(
        `this looks like one token a line with IOB tags in column ${misplaced.column + 1} of ${misplaced.count}, ` +
          'but the tag must be the last column (or the third, after a numeric id and the token)',
        firstUntagged.lineNo,
      );
    }
    const blockLines = tokens.length / Math.max(1, blocks);
    if (blocks >= 2 && blockLines >= 2 && firstUntagged?.parsed) {
      throw new ParseError(
        `this looks like one token a line with tags such as ${quoted(firstUntagged.parsed.tag)}, which are not IOB tags ` +
          '(O, B-TYPE, I-TYPE); POS tags must come as CoNLL-U',
        firstUntagged.lineNo,
      );
    }
    return undefined;
  }

  const shape = tagged.map((t) => t.parsed).filter((p): p is TokenLine => p !== undefined);
  const count = modalValue(shape.map((p) => p.columns));
  const sample = shape.find((p) => p.columns === count) ?? shape[0];
  if (sample === undefined) return undefined;
  const spaced = sample.separator === 'space';
  let format: DataFormat;
  let why: string;
  if (docStart) [format, why] = ['conll2003', '-DOCSTART- lines mark CoNLL-2003'];
  else if (IOB2_EXTENSIONS.includes(extension)) [format, why] = ['iob2', `the file name ends in .${extension}`];
  else if (CONLL_EXTENSIONS.includes(extension)) [format, why] = ['conll2003', `the file name ends in .${extension}`];
  else if (spaced) [format, why] = ['conll2003', 'space-separated columns are CoNLL-2003 style'];
  else [format, why] = ['iob2', 'tab-separated columns are IOB2 (Universal NER) style'];

  const separator = spaced ? 'space' : 'tab';
  const blankLines = blocks >= 2 ? '; blank lines separate the sentences' : '';
  return {
    format,
    kind: FORMAT_KIND[format],
    reason:
      `${phrase(tagged.length, tokens.length, 'token lines')} have ${count} ${separator}-separated columns with an IOB tag ` +
      `(O, B-…, I-…) in column ${sample.tagColumn + 1}${blankLines}; ${why}.`,
    tokenColumns: { separator, count, tokenColumn: sample.tokenColumn, tagColumn: sample.tagColumn },
  };
}
