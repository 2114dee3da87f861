/**
 * Splits raw text into tokens roughly as the Penn Treebank does (the corpora's
 * convention): punctuation apart, clitics such as n't and 's split off.
 * Text that is already tokenised (SST-2) passes through unchanged.
 *
 * Written with index scans instead of backtracking regexes, which were
 * quadratic on long runs of punctuation inside one piece ("a....a").
 */
const CLITICS = ["n't", "'s", "'re", "'ve", "'ll", "'d", "'m"];
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** A letter or digit in any script (ASCII decided without a regex). */
function isWordCodePoint(code: number): boolean {
  if (code < 128) return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return WORD_CHAR.test(String.fromCodePoint(code));
}

/** Width in UTF-16 units of the code point that ends at `end` (exclusive). */
function widthBefore(text: string, end: number): number {
  const low = text.charCodeAt(end - 1);
  const high = text.charCodeAt(end - 2);
  return low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff ? 2 : 1;
}

/** Splits a trailing clitic off a word: "don't" → ["do", "n't"]. */
function splitClitic(core: string): [string, string] | undefined {
  const lower = core.toLowerCase();
  for (const clitic of CLITICS) {
    if (core.length > clitic.length && lower.endsWith(clitic)) {
      const at = core.length - clitic.length;
      return [core.slice(0, at), core.slice(at)];
    }
  }
  return undefined;
}

export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const piece of text.trim().split(/\s+/)) {
    if (piece === '') continue;
    if (CLITICS.includes(piece.toLowerCase())) {
      tokens.push(piece);
      continue;
    }
    // Leading and trailing runs of non-letters, non-digits are punctuation.
    let coreStart = 0;
    while (coreStart < piece.length) {
      const code = piece.codePointAt(coreStart) ?? 0;
      if (isWordCodePoint(code)) break;
      coreStart += code > 0xffff ? 2 : 1;
    }
    if (coreStart === piece.length) {
      tokens.push(piece);
      continue;
    }
    let coreEnd = piece.length;
    while (coreEnd > coreStart) {
      const width = widthBefore(piece, coreEnd);
      if (isWordCodePoint(piece.codePointAt(coreEnd - width) ?? 0)) break;
      coreEnd -= width;
    }
    pushMarks(tokens, piece.slice(0, coreStart));
    const core = piece.slice(coreStart, coreEnd);
    const clitic = splitClitic(core);
    if (clitic) tokens.push(clitic[0], clitic[1]);
    else tokens.push(core);
    pushMarks(tokens, piece.slice(coreEnd));
  }
  return tokens;
}

/** Runs of the same punctuation ("...", "!!") stay one token; different marks split. */
function pushMarks(tokens: string[], marks: string): void {
  let runStart = 0;
  let runMark = -1;
  for (let i = 0; i < marks.length;) {
    const code = marks.codePointAt(i) ?? 0;
    if (runMark >= 0 && code !== runMark) {
      tokens.push(marks.slice(runStart, i));
      runStart = i;
    }
    runMark = code;
    i += code > 0xffff ? 2 : 1;
  }
  if (marks.length > 0) tokens.push(marks.slice(runStart));
}
