import type { DelimitedRow } from './delimited';
import { LABEL_NAMES, TEXT_NAMES } from './textLabel';

/** A TSV/CSV file's columns: names (from the header, else "column N") and the best guess of text and label (0-based). */
export interface DelimitedColumns {
  readonly names: readonly string[];
  readonly hasHeader: boolean;
  readonly textColumn: number;
  readonly labelColumn: number;
}

interface ColumnStats {
  readonly distinct: number;
  readonly meanLength: number;
}

/** Rows after the first needed before "its label never recurs" alone marks the first row as a header. */
const MIN_ROWS_FOR_REPEATS = 10;
const NUMBER = /^-?[0-9]+(?:\.[0-9]+)?$/;

function statsOf(rows: readonly DelimitedRow[], width: number): ColumnStats[] {
  return Array.from({ length: width }, (_, column) => {
    const values = rows.map((r) => (r.fields[column] ?? '').trim());
    const total = values.reduce((n, v) => n + v.length, 0);
    return { distinct: new Set(values).size, meanLength: total / Math.max(1, values.length) };
  });
}

/** The label is the column with the fewest distinct values (ties: the shorter, then the later); the text the longest of the others. */
function pickColumns(
  stats: readonly ColumnStats[],
  namedLabel: number,
  namedText: number,
): { label: number; text: number } {
  let label = namedLabel;
  if (label < 0) {
    stats.forEach((s, column) => {
      if (column === namedText) return;
      const best = stats[label];
      const better =
        best === undefined ||
        s.distinct < best.distinct ||
        (s.distinct === best.distinct && s.meanLength <= best.meanLength);
      if (better) label = column;
    });
  }
  let text = namedText >= 0 && namedText !== label ? namedText : -1;
  if (text < 0) {
    stats.forEach((s, column) => {
      if (column !== label && (text < 0 || s.meanLength > (stats[text]?.meanLength ?? 0))) text = column;
    });
  }
  return { label, text };
}

/**
 * Guesses which column of a TSV/CSV sample holds the text and which the
 * label, and whether the first row is a header: by known header names
 * (sentence, text, label, …) when there are some, else by content.
 */
export function guessColumns(rows: readonly DelimitedRow[], width: number): { columns: DelimitedColumns; why: string } {
  const first = rows[0]?.fields ?? [];
  const lowered = first.map((f) => f.trim().toLowerCase());
  const namedLabel = lowered.findIndex((n) => LABEL_NAMES.includes(n));
  const namedText = lowered.findIndex((n) => TEXT_NAMES.includes(n));
  const byName = namedLabel >= 0 || namedText >= 0;

  // Decide the header on the rows after the first, then pick columns on the data rows.
  const rest = rows.length > 1 ? rows.slice(1) : rows;
  const provisional = pickColumns(statsOf(rest, width), namedLabel, namedText);
  const firstLabel = (first[provisional.label] ?? '').trim();
  const restLabels = rest.map((r) => (r.fields[provisional.label] ?? '').trim());
  const unseenLabel = rows.length > 1 && !restLabels.includes(firstLabel);
  const labelsRepeat = new Set(restLabels).size < restLabels.length;
  const numericLabels = restLabels.every((v) => NUMBER.test(v)) && !NUMBER.test(firstLabel);
  // Without known names, a first row whose label never recurs is a header only when that is clear:
  // the other labels are numbers, or there are enough rows for the labels to repeat.
  const hasHeader = byName || (unseenLabel && (numericLabels || (labelsRepeat && rest.length >= MIN_ROWS_FOR_REPEATS)));

  const data = hasHeader ? rest : rows;
  const stats = statsOf(data, width);
  const { label, text } = byName ? provisional : pickColumns(stats, -1, -1);
  const names = hasHeader ? first.map((f) => f.trim()) : first.map((_, i) => `column ${i + 1}`);

  const labelWhy = namedLabel >= 0 ? `named "${names[label]}"` : `${stats[label]?.distinct ?? 0} distinct values`;
  const textWhy = namedText >= 0 && namedText === text ? `named "${names[text]}"` : 'the longest values';
  const headerWhy = byName
    ? 'the first row names the columns'
    : hasHeader
      ? 'the first row looks like a header'
      : 'there is no header row';
  return {
    columns: { names, hasHeader, textColumn: text, labelColumn: label },
    why: `${headerWhy}; the label looks like column ${label + 1} (${labelWhy}), the text column ${text + 1} (${textWhy})`,
  };
}
