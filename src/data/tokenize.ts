/**
 * Splits raw text into tokens roughly as the Penn Treebank does (the corpora's
 * convention): punctuation apart, clitics such as n't and 's split off.
 * Text that is already tokenised (SST-2) passes through unchanged.
 */
const CLITIC = /^(.+?)(n't|'s|'re|'ve|'ll|'d|'m)$/i;
const BARE_CLITIC = /^(n't|'s|'re|'ve|'ll|'d|'m)$/i;
const PUNCT_EDGE = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/u;

export function tokenize(text: string): string[] {
  const tokens: string[] = [];
  for (const piece of text.trim().split(/\s+/)) {
    if (piece === '') continue;
    if (BARE_CLITIC.test(piece)) {
      tokens.push(piece);
      continue;
    }
    const edge = PUNCT_EDGE.exec(piece);
    const [lead, core, trail] = edge ? [edge[1] ?? '', edge[2] ?? '', edge[3] ?? ''] : ['', piece, ''];
    if (core === '') {
      tokens.push(piece);
      continue;
    }
    pushChars(tokens, lead);
    const clitic = CLITIC.exec(core);
    if (clitic?.[1] && clitic[2]) tokens.push(clitic[1], clitic[2]);
    else tokens.push(core);
    pushChars(tokens, trail);
  }
  return tokens;
}

/** Runs of the same punctuation ("...", "!!") stay one token; different marks split. */
function pushChars(tokens: string[], marks: string): void {
  let run = '';
  for (const ch of marks) {
    if (run !== '' && !run.endsWith(ch)) {
      tokens.push(run);
      run = '';
    }
    run += ch;
  }
  if (run !== '') tokens.push(run);
}
