/**
 * Entity-level NER scores with conlleval semantics (seqeval's default mode):
 * an entity is an exact span with its type; an I-X that does not continue an
 * X entity starts a new one. IOB1, IOB2 and IOBES tags are all read.
 */

export interface Entity {
  readonly type: string;
  readonly start: number;
  /** Exclusive. */
  readonly end: number;
}

export interface PrfScores {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** Gold entities. */
  readonly support: number;
}

export interface NerScores extends PrfScores {
  readonly perType: Readonly<Record<string, PrfScores>>;
}

function split(tag: string): [prefix: string, type: string] {
  if (tag === 'O' || tag.length < 3 || tag[1] !== '-') return ['O', ''];
  return [tag[0] as string, tag.slice(2)];
}

function endsChunk(prevPrefix: string, prefix: string, prevType: string, type: string): boolean {
  if (prevPrefix === 'O') return false;
  if (prevPrefix === 'E' || prevPrefix === 'S') return true;
  if (prefix === 'B' || prefix === 'S' || prefix === 'O') return true;
  return prevType !== type;
}

function startsChunk(prevPrefix: string, prefix: string, prevType: string, type: string): boolean {
  if (prefix === 'O') return false;
  if (prefix === 'B' || prefix === 'S') return true;
  if (prevPrefix === 'O' || prevPrefix === 'E' || prevPrefix === 'S') return true;
  return prevType !== type;
}

/** The entities of one tag sequence. */
export function entities(tags: readonly string[]): Entity[] {
  const out: Entity[] = [];
  let prevPrefix = 'O';
  let prevType = '';
  let start = -1;
  tags.forEach((tag, i) => {
    const [prefix, type] = split(tag);
    if (start >= 0 && endsChunk(prevPrefix, prefix, prevType, type)) {
      out.push({ type: prevType, start, end: i });
      start = -1;
    }
    if (startsChunk(prevPrefix, prefix, prevType, type)) start = i;
    prevPrefix = prefix;
    prevType = type;
  });
  if (start >= 0) out.push({ type: prevType, start, end: tags.length });
  return out;
}

function prf(correct: number, predicted: number, gold: number): PrfScores {
  const precision = predicted === 0 ? 0 : correct / predicted;
  const recall = gold === 0 ? 0 : correct / gold;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, support: gold };
}

export function nerScores(gold: readonly (readonly string[])[], predicted: readonly (readonly string[])[]): NerScores {
  if (gold.length !== predicted.length)
    throw new Error(`nerScores: ${gold.length} gold vs ${predicted.length} predicted sentences`);
  const counts = new Map<string, { correct: number; predicted: number; gold: number }>();
  const bump = (type: string) => {
    let c = counts.get(type);
    if (!c) counts.set(type, (c = { correct: 0, predicted: 0, gold: 0 }));
    return c;
  };
  gold.forEach((tags, s) => {
    const key = (e: Entity) => `${e.type}\u0000${e.start}\u0000${e.end}`;
    const goldEntities = entities(tags);
    const predEntities = entities(predicted[s] ?? []);
    const goldKeys = new Set(goldEntities.map(key));
    for (const e of goldEntities) bump(e.type).gold++;
    for (const e of predEntities) {
      const c = bump(e.type);
      c.predicted++;
      if (goldKeys.has(key(e))) c.correct++;
    }
  });
  let correct = 0;
  let nPred = 0;
  let nGold = 0;
  const perType: Record<string, PrfScores> = {};
  for (const [type, c] of [...counts.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    perType[type] = prf(c.correct, c.predicted, c.gold);
    correct += c.correct;
    nPred += c.predicted;
    nGold += c.gold;
  }
  return { ...prf(correct, nPred, nGold), perType };
}
