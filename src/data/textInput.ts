import { ParseError } from './parseError';

/** How much of the file's start is checked for binary content, and the share of odd characters that means binary. */
const BINARY_SAMPLE_CHARS = 8192;
const BINARY_SHARE = 0.1;
/** Values quoted in error messages are cut to this length: a 10 MB "token" must not become a 10 MB message. */
const MAX_QUOTED = 40;

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Splits text into lines at LF, CRLF or a lone CR (old Mac files), after removing a UTF-8 BOM. */
export function splitLines(text: string): string[] {
  return stripBom(text).split(/\r\n?|\n/);
}

/**
 * Calls `visit` with each line (without its line end) and its 1-based number.
 * Lines end at LF, CRLF or a lone CR; a BOM is removed. Lines are visited one
 * at a time rather than split into an array first, so a 50 MB file never holds
 * millions of line strings at once (that is what makes the garbage collector
 * slow).
 */
export function forEachLine(text: string, visit: (line: string, lineNo: number) => void): void {
  const source = stripBom(text);
  let nextLf = source.indexOf('\n');
  let nextCr = source.indexOf('\r');
  let start = 0;
  let lineNo = 1;
  while (start <= source.length) {
    if (nextLf >= 0 && nextLf < start) nextLf = source.indexOf('\n', start);
    if (nextCr >= 0 && nextCr < start) nextCr = source.indexOf('\r', start);
    const stop = nextCr >= 0 && (nextLf < 0 || nextCr < nextLf) ? nextCr : nextLf;
    if (stop < 0) {
      visit(source.slice(start), lineNo);
      return;
    }
    visit(source.slice(start, stop), lineNo++);
    start = stop + (stop === nextCr && nextLf === stop + 1 ? 2 : 1);
  }
}

/** The 1-based line of a character index, counting LF, CRLF and lone CR as line ends. */
export function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) line++;
  }
  return line;
}

/** A character that text corpora do not contain: U+FFFD (bytes that were not UTF-8) or a control character other than tab, LF, FF and CR. */
function isOddCharacter(code: number): boolean {
  if (code === 0xfffd || code === 0x7f) return true;
  return code < 32 && code !== 9 && code !== 10 && code !== 12 && code !== 13;
}

/**
 * Rejects what cannot be a corpus before any parsing: an empty file, and
 * binary content (NUL bytes anywhere, or many control / undecodable
 * characters near the start, as when an image or archive is read as UTF-8).
 */
export function assertText(text: string): void {
  // \s includes U+FEFF, so a file holding only a BOM and blank lines is empty too.
  if (!/\S/.test(text)) throw new ParseError('the file is empty', 1);
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    throw new ParseError('the file looks binary (it contains NUL bytes), not text', lineAt(text, nul));
  }
  const sample = Math.min(text.length, BINARY_SAMPLE_CHARS);
  let odd = 0;
  for (let i = 0; i < sample; i++) if (isOddCharacter(text.charCodeAt(i))) odd++;
  if (odd > sample * BINARY_SHARE) {
    const percent = Math.round((100 * odd) / sample);
    throw new ParseError(
      `the file looks binary (${percent}% of its first ${sample} characters are control or undecodable characters), not text`,
      1,
    );
  }
}

/** `"value"` for an error message, shortened with … when long. */
export function quoted(value: string): string {
  return `"${value.length > MAX_QUOTED ? `${value.slice(0, MAX_QUOTED)}…` : value}"`;
}
