import { describe, expect, it } from 'vitest';
import {
  affixes,
  CHAR_ROWS,
  CHARS_PER_WORD,
  charIds,
  DEFAULT_AFFIX_ROWS,
  featureTableLayout,
  SHAPE_ROWS,
  hashCodePoints,
  hashRow,
  idsPerToken,
  TokenEncoder,
  wordShape,
} from './tokenFeatures';
import { UNK_ID, Vocabulary } from './vocabulary';

describe('wordShape', () => {
  it.each([
    ['Wellington', 'Xxxxx'],
    ['e.g.', 'x.x.'],
    ['1984', 'dddd'],
    ['3.14', 'd.dd'],
    ['U.S.', 'X.X.'],
    ['iPhone', 'xXxxxx'],
    ['COVID-19', 'XXXX-dd'],
    ['Zürich', 'Xxxxx'],
    ['Москва', 'Xxxxx'],
    ['東京', 'xx'],
    ['नमस्ते', 'xxxx'],
    [':-)', ':-)'],
  ])('%s → %s', (word, shape) => expect(wordShape(word)).toBe(shape));

  it('reads a decomposed accent as its precomposed letter (NFC)', () => {
    expect(wordShape('Zu\u0308rich')).toBe(wordShape('Zürich'));
  });
});

describe('affixes', () => {
  it.each([
    ['Running', 'run', 'ing'],
    ['at', 'at', 'at'],
    ['Éléphant', 'élé', 'ant'],
    ['𝒳yzzy', '𝒳yz', 'zzy'],
    ['東京都', '東京都', '東京都'],
  ])('%s → prefix %s, suffix %s (whole code points, lower-cased)', (word, prefix, suffix) => {
    expect(affixes(word)).toEqual({ prefix, suffix });
  });
});

describe('hashing', () => {
  it('is FNV-1a over code points: a known value, stable, and salted per attribute', () => {
    // Pinned: a change to the function would re-map the rows of every saved model.
    expect(hashCodePoints('ing', 2)).toBe(2306792474);
    expect(hashCodePoints('ing', 2)).not.toBe(hashCodePoints('ing', 1));
    expect(hashCodePoints('ing', 2)).not.toBe(hashCodePoints('ign', 2));
  });

  it('hashes a character outside the BMP as one code point, not two UTF-16 units', () => {
    expect(hashCodePoints('𝒳', 0)).not.toBe(hashCodePoints('\ud835', 0));
    expect(Array.from('𝒳')).toHaveLength(1);
  });

  it('never uses the padding row 0, and stays inside the table', () => {
    for (const word of ['a', 'ing', 'Xxxx', '東', '']) {
      const row = hashRow(word, 3, 7);
      expect(row).toBeGreaterThanOrEqual(1);
      expect(row).toBeLessThan(7);
    }
  });
});

describe('charIds', () => {
  it('keeps case, pads with 0, and keeps the first and last halves of a long word', () => {
    const out = new Int32Array(CHARS_PER_WORD);
    charIds('Ab', out, 0);
    expect(out[0]).toBe(1 + (('A'.codePointAt(0) as number) % (CHAR_ROWS - 1)));
    expect(out[1]).toBe(1 + (('b'.codePointAt(0) as number) % (CHAR_ROWS - 1)));
    expect(Array.from(out.subarray(2))).toEqual(new Array(CHARS_PER_WORD - 2).fill(0));
    const long = 'abcdefghijklmnopqrstuvwxyz';
    charIds(long, out, 0);
    const id = (c: string) => 1 + ((c.codePointAt(0) as number) % (CHAR_ROWS - 1));
    expect(out[0]).toBe(id('a'));
    expect(out[CHARS_PER_WORD - 1]).toBe(id('z'));
    expect(out[CHARS_PER_WORD / 2]).toBe(id(long[long.length - CHARS_PER_WORD / 2] as string));
  });
});

describe('TokenEncoder', () => {
  const vocabulary = Vocabulary.build([['the', 'cat', 'sat']]);

  it('word: one id per token, unseen words <unk>', () => {
    const encoder = new TokenEncoder('word', vocabulary, DEFAULT_AFFIX_ROWS);
    expect(Array.from(encoder.encode(['The', 'dog']))).toEqual([vocabulary.id('the'), UNK_ID]);
  });

  for (const affixRows of [DEFAULT_AFFIX_ROWS, 97]) {
    it(`features: the word id, then prefix, suffix and shape rows, each in its own block (${affixRows} affix rows)`, () => {
      const encoder = new TokenEncoder('features', vocabulary, affixRows);
      const { rows, offsets, totalRows } = featureTableLayout(affixRows);
      expect(rows.prefix).toBe(affixRows);
      expect(totalRows).toBe(2 * rows.prefix + SHAPE_ROWS);
      expect(encoder.idsPerToken).toBe(idsPerToken('features'));
      const ids = encoder.encode(['Walking', 'walking']);
      expect(ids).toHaveLength(8);
      expect(ids[0]).toBe(UNK_ID);
      expect(ids[1]).toBe(hashRow('wal', 1, rows.prefix));
      expect(ids[2]).toBe(rows.prefix + hashRow('ing', 2, rows.suffix));
      expect(ids[3]).toBe(2 * rows.prefix + hashRow('Xxxxx', 3, SHAPE_ROWS));
      // Case changes only the shape.
      expect(ids.slice(5, 7)).toEqual(ids.slice(1, 3));
      expect(ids[7]).not.toBe(ids[3]);
      for (const [attr, at] of [
        ['prefix', 1],
        ['suffix', 2],
        ['shape', 3],
      ] as const) {
        expect(ids[at]).toBeGreaterThan(offsets[attr]);
        expect(ids[at]).toBeLessThan(offsets[attr] + rows[attr]);
      }
      expect(offsets.shape + rows.shape).toBe(totalRows);
    });
  }

  it("features with suffixes '2-4': the same first four ids, then the last 2 and the last 4 code points, in blocks after the shape's", () => {
    const affixRows = 97;
    const three = new TokenEncoder('features', vocabulary, affixRows);
    const more = new TokenEncoder('features', vocabulary, affixRows, '2-4');
    const { rows, offsets, totalRows } = featureTableLayout(affixRows, '2-4');
    expect(more.idsPerToken).toBe(6);
    expect(idsPerToken('features', '2-4')).toBe(6);
    expect(offsets.suffix2).toBe(2 * affixRows + SHAPE_ROWS);
    expect(offsets.suffix4).toBe(3 * affixRows + SHAPE_ROWS);
    expect(totalRows).toBe(4 * affixRows + SHAPE_ROWS);
    const ids = more.encode(['Walked', 'Éléphants']);
    expect(ids).toHaveLength(12);
    // A model without the extra suffixes reads the same first four ids a token.
    const old = three.encode(['Walked', 'Éléphants']);
    expect(Array.from(ids.slice(0, 4))).toEqual(Array.from(old.slice(0, 4)));
    expect(Array.from(ids.slice(6, 10))).toEqual(Array.from(old.slice(4, 8)));
    expect(ids[4]).toBe(offsets.suffix2 + hashRow('ed', 4, rows.suffix2));
    expect(ids[5]).toBe(offsets.suffix4 + hashRow('lked', 5, rows.suffix4));
    expect(ids[10]).toBe(offsets.suffix2 + hashRow('ts', 4, rows.suffix2));
    expect(ids[11]).toBe(offsets.suffix4 + hashRow('ants', 5, rows.suffix4));
    // The same ending hashes apart in the 2- and the 3-letter table: each attribute has its own salt and block.
    expect(hashCodePoints('ed', 4)).not.toBe(hashCodePoints('ed', 2));
  });

  it("the default suffixes ('3') lay the table out as before the setting: no rows for the extra suffixes", () => {
    const { rows, offsets, totalRows } = featureTableLayout(97);
    expect(rows.suffix2).toBe(0);
    expect(rows.suffix4).toBe(0);
    expect(offsets).toMatchObject({ prefix: 0, suffix: 97, shape: 2 * 97 });
    expect(totalRows).toBe(2 * 97 + SHAPE_ROWS);
    expect(idsPerToken('features')).toBe(4);
  });

  it('chars: the word id, then CHARS_PER_WORD character ids', () => {
    const encoder = new TokenEncoder('chars', vocabulary, DEFAULT_AFFIX_ROWS);
    const ids = encoder.encode(['cat']);
    expect(ids).toHaveLength(1 + CHARS_PER_WORD);
    expect(ids[0]).toBe(vocabulary.id('cat'));
    expect(ids[4]).toBe(0);
  });
});
