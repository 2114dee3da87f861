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
