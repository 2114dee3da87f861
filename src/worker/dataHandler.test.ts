import { describe, expect, it } from 'vitest';
import { createDataHandler } from './dataHandler';
import type { DataMessage } from './protocol';

const SENTENCE =
  '# sent_id = s\n1\tThe\tthe\tDET\t_\t_\t2\tdet\t_\t_\n2\tcat\tcat\tNOUN\t_\t_\t3\tnsubj\t_\t_\n3\tsleeps\tsleep\tVERB\t_\t_\t0\troot\t_\t_\n\n';

function handler() {
  const posted: DataMessage[] = [];
  const handle = createDataHandler({
    post: (m) => posted.push(m),
    fetch: () => Promise.reject(new Error('no network in this test')),
    cache: () => Promise.resolve(null),
  });
  return { posted, handle };
}

describe('data handler: a user file', () => {
  it('reports the bytes read as it goes, then the preview, for the same request id', async () => {
    const { posted, handle } = handler();
    const copies = Math.ceil((9 * 1024 * 1024) / SENTENCE.length);
    const file = new Blob([SENTENCE.repeat(copies)]);
    await handle({ kind: 'readUserFile', id: 7, file, name: 'big.conllu' });
    const progress = posted.filter((m) => m.kind === 'userFileProgress');
    expect(progress.every((m) => m.id === 7 && m.progress.total === file.size)).toBe(true);
    const reading = progress.flatMap((m) => (m.progress.stage === 'reading' ? [m.progress.loaded] : []));
    expect(reading.length).toBeGreaterThanOrEqual(2);
    expect(reading.at(-1)).toBe(file.size);
    // Then the stages after the read, in order, so a slow parse shows where it is.
    expect(progress.slice(-2).map((m) => m.progress)).toEqual([
      { stage: 'parsing', total: file.size },
      { stage: 'inspecting', total: file.size, examples: copies },
    ]);
    const preview = posted.at(-1);
    expect(preview?.kind).toBe('userFile');
    if (preview?.kind !== 'userFile') return;
    expect(preview.id).toBe(7);
    expect(preview.preview.detection.format).toBe('conllu');
    expect(preview.preview.inspection.sizes.train.examples).toBe(copies);
  });

  it('answers a broken file with an error for that request, naming the file', async () => {
    const { posted, handle } = handler();
    await handle({
      kind: 'readUserFile',
      id: 3,
      file: new Blob([
        'John\tB-PER\nlives\tO\nin\tO\nParis\tB-LOC\n.\tO\n\nMary\tB-PER\nwent\tO\nto\tO\nRome\tX-LOC\n.\tO\n',
      ]),
      name: 'tags.iob2',
    });
    const last = posted.at(-1);
    expect(last?.kind).toBe('dataError');
    if (last?.kind !== 'dataError') return;
    expect(last.id).toBe(3);
    expect(last.error.message).toMatch(/tags\.iob2.*line 10/);
  });

  it("builds the task from the preview's parse when the reading is the detected one, and parses again when it is not", async () => {
    const { posted, handle } = handler();
    const rows = ['text,label', ...Array.from({ length: 20 }, (_, i) => `review ${i},${i % 2 ? 'pos' : 'neg'}`)];
    await handle({ kind: 'readUserFile', id: 1, file: new Blob([`${rows.join('\n')}\n`]), name: 'r.csv' });
    const preview = posted.at(-1);
    if (preview?.kind !== 'userFile') throw new Error(`expected a preview, got ${preview?.kind ?? 'nothing'}`);
    const columns = preview.preview.detection.columns;
    expect(columns?.hasHeader).toBe(true);
    const choice = {
      name: 'reviews',
      format: 'csv' as const,
      textColumn: columns?.textColumn ?? 0,
      labelColumn: columns?.labelColumn ?? 1,
      header: true,
      ratios: { train: 80, dev: 10, test: 10 },
      seed: 1,
    };
    const sizes = async (header: boolean) => {
      await handle({ kind: 'buildUserTask', id: 2, file: 1, task: { ...choice, header } });
      const built = posted.at(-1);
      if (built?.kind !== 'userTask') throw new Error(`expected a task, got ${built?.kind ?? 'nothing'}`);
      const s = built.data.inspection.sizes;
      return s.train.examples + s.dev.examples + s.test.examples;
    };
    expect(await sizes(true)).toBe(20);
    // Without a header the first row is an example too: a new parse, not the preview's.
    expect(await sizes(false)).toBe(21);
    expect(await sizes(true)).toBe(20);
  });
});
