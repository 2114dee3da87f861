import { ParseError, assertText } from './parseError';

export interface DelimitedRow {
  readonly fields: readonly string[];
  /** 1-based line where the row starts. */
  readonly line: number;
}

/**
 * Splits delimited text (TSV or CSV) into rows. A field that starts with a
 * double quote is quoted (RFC 4180: `""` is a quote, delimiters and line
 * breaks inside are kept); a quote elsewhere is an ordinary character, as in
 * GLUE's TSV files. Blank lines are skipped.
 */
export function parseDelimited(text: string, delimiter: '\t' | ','): DelimitedRow[] {
  assertText(text);
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: DelimitedRow[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let rowLine = 1;
  let i = 0;

  const endRow = () => {
    fields.push(field);
    const blank = fields.length === 1 && fields[0] === '';
    if (!blank) rows.push({ fields, line: rowLine });
    fields = [];
    field = '';
  };

  while (i < source.length) {
    const ch = source[i];
    if (ch === '"' && field === '') {
      const quoteLine = line;
      i++;
      for (;;) {
        if (i >= source.length) throw new ParseError('a quoted field is never closed', quoteLine);
        const c = source[i];
        if (c === '"') {
          if (source[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (c === '\n') line++;
        field += c;
        i++;
      }
      const next = source[i];
      if (next !== undefined && next !== delimiter && next !== '\n' && next !== '\r') {
        throw new ParseError('unexpected text after a closing quote', line);
      }
      continue;
    }
    if (ch === delimiter) {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else {
      field += ch;
    }
    i++;
  }
  if (field !== '' || fields.length > 0) endRow();
  return rows;
}
