/** One number formatter for the page: toLocaleString builds a new one on every call, which showed in redraw profiles. */
const WHOLE = new Intl.NumberFormat('en');

/** 12,345: counts of sentences, examples and tokens. */
export const count = (n: number): string => WHOLE.format(n);
