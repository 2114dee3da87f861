import { FORMAT_KIND, type DataFormat } from '../../config/experiment';
import { guessColumns } from '../columnGuess';
import { parseDelimited, type DelimitedRow } from '../delimited';
import type { Detection } from '../detect';
import { ParseError } from '../parseError';
import { MAJORITY, modalValue } from './lines';

/** Sniffing TSV and CSV: which delimiter splits the rows evenly, then a guess of the text and label columns. */

const TAB_EXTENSIONS = ['tsv', 'tab'];

interface DelimitedShape {
  readonly delimiter: '\t' | ',';
  readonly rows: DelimitedRow[];
  /** The most common number of columns, and the share of rows that have it. */
  readonly width: number;
  readonly share: number;
}

function delimitedShape(sample: string, delimiter: '\t' | ','): DelimitedShape | undefined {
  let rows: DelimitedRow[];
  try {
    rows = parseDelimited(sample, delimiter);
  } catch (err) {
    if (err instanceof ParseError) return undefined;
    throw err;
  }
  if (rows.length === 0) return undefined;
  const width = modalValue(rows.map((r) => r.fields.length));
  const share = rows.filter((r) => r.fields.length === width).length / rows.length;
  return { delimiter, rows, width, share };
}

/** Most rows have the same number (≥ 2) of columns. */
function usable(shape: DelimitedShape | undefined): boolean {
  return shape !== undefined && shape.width >= 2 && shape.share >= MAJORITY;
}

function chooseDelimited(
  tsv: DelimitedShape | undefined,
  csv: DelimitedShape | undefined,
  extension: string,
): { shape: DelimitedShape; why: string } {
  const byExtension = extension === 'csv' ? csv : TAB_EXTENSIONS.includes(extension) ? tsv : undefined;
  if (tsv && csv && usable(tsv) && usable(csv)) {
    if (byExtension)
      return {
        shape: byExtension,
        why: `both tabs and commas split the rows evenly; the file name ends in .${extension}`,
      };
    if (csv.share > tsv.share) return { shape: csv, why: 'commas split the rows more evenly than tabs' };
    return {
      shape: tsv,
      why: 'both tabs and commas split the rows evenly; tabs win, as commas are common inside text',
    };
  }
  if (tsv && usable(tsv)) return { shape: tsv, why: 'tabs split every row evenly' };
  if (csv && usable(csv)) return { shape: csv, why: 'commas split every row evenly' };
  if (byExtension && byExtension.width >= 2) {
    return {
      shape: byExtension,
      why: `the rows have different numbers of columns, so the file name (.${extension}) decides`,
    };
  }
  const shapes: DelimitedShape[] = [];
  for (const shape of [tsv, csv]) if (shape !== undefined && shape.width >= 2) shapes.push(shape);
  const best = shapes.sort((a, b) => b.share - a.share)[0];
  if (best === undefined) {
    throw new ParseError(
      'cannot tell the format: no CoNLL-U word lines, no IOB tags, and no tab- or comma-separated columns',
      1,
    );
  }
  const first = best.rows[0];
  const odd = best.rows.find((r) => r.fields.length !== first?.fields.length);
  const name = best.delimiter === '\t' ? 'tab' : 'comma';
  throw new ParseError(
    `cannot tell the format: the rows have different numbers of ${name}-separated columns ` +
      `(line ${first?.line ?? 1} has ${first?.fields.length ?? 0}, line ${odd?.line ?? 1} has ${odd?.fields.length ?? 0})`,
    odd?.line ?? 1,
  );
}

export function detectDelimited(sample: string, extension: string): Detection {
  const { shape, why } = chooseDelimited(delimitedShape(sample, '\t'), delimitedShape(sample, ','), extension);
  const format: DataFormat = shape.delimiter === '\t' ? 'tsv' : 'csv';
  const { columns, why: columnsWhy } = guessColumns(shape.rows, shape.width);
  return {
    format,
    kind: FORMAT_KIND[format],
    reason: `${why} (${shape.width} columns); ${columnsWhy}.`,
    columns,
  };
}
