/** A file could not be read: names the file (when known), the 1-based line and the reason. */
export class ParseError extends Error {
  override readonly name = 'ParseError';
  constructor(
    readonly reason: string,
    readonly line: number,
    readonly file?: string,
  ) {
    super(`${file ? `${file}: ` : ''}line ${line}: ${reason}`);
  }

  withFile(file: string): ParseError {
    return new ParseError(this.reason, this.line, file);
  }
}

/** Splits text into lines, tolerating a UTF-8 BOM and CRLF line ends. */
export function splitLines(text: string): string[] {
  const withoutBom = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return withoutBom.split(/\r?\n/);
}

/** Rejects content that is clearly not text (NUL bytes appear in binary files, never in corpora). */
export function assertText(text: string): void {
  const nul = text.indexOf('\u0000');
  if (nul >= 0) {
    const line = text.slice(0, nul).split('\n').length;
    throw new ParseError('the file looks binary (it contains NUL bytes), not text', line);
  }
}
