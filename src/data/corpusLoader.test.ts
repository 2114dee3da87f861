import { describe, expect, it } from 'vitest';
import { CORPORA, corpusOf } from './corpora';
import { loadBuiltInTask, sharedSentences } from './corpusLoader';
import { parseTaskFile } from './formats';
import type { TextCache } from './download';
import { hasSharedData } from '../testing/sharedData';
import { sharedFileFor } from '../testing/corpusFixtures';

function memoryCache(): TextCache & { size: () => number } {
  const map = new Map<string, string>();
  return { get: async (u) => map.get(u) ?? null, put: async (u, t) => void map.set(u, t), size: () => map.size };
}

/** A server holding the shared copies; `answer` can replace any response. */
function server(answer?: (url: string, body: string) => Response | null) {
  const requested: string[] = [];
  const fetch = async (url: string) => {
    requested.push(url);
    const file = sharedFileFor(url);
    if (!file) return new Response('not found', { status: 404 });
    return (
      answer?.(url, file.text) ?? new Response(file.text, { headers: { 'content-type': 'text/plain; charset=utf-8' } })
    );
  };
  return { fetch, requested };
}

const pos = corpusOf('pos')!;
const ner = corpusOf('ner')!;

describe.skipIf(!hasSharedData())('loading the real corpora', () => {
  it('downloads, checks and caches each file; the next load reads only the cache', async () => {
    const cache = memoryCache();
    const net = server();
    const progress: number[] = [];
    const first = await loadBuiltInTask(pos, {
      fetch: net.fetch,
      cache,
      offline: false,
      onProgress: (_s, loaded) => progress.push(loaded),
    });
    expect(first.origin).toBe('network');
    expect(first.problem).toBeNull();
    expect(first.inspection.sizes.dev.examples).toBe(2001);
    expect(first.inspection.sizes.test.examples).toBe(2077);
    expect(first.downloadedBytes).toBeGreaterThan(3_000_000);
    expect(progress.length).toBeGreaterThan(0);
    expect(cache.size()).toBe(3);

    const second = await loadBuiltInTask(pos, { fetch: net.fetch, cache, offline: false });
    expect(second.origin).toBe('cache');
    expect(second.downloadedBytes).toBe(0);
    expect(net.requested).toHaveLength(3);
  });

  it('every corpus loads from the shared copies with its label set', async () => {
    for (const corpus of CORPORA) {
      const data = await loadBuiltInTask(corpus, { fetch: server().fetch, cache: null, offline: false });
      expect(data.problem, corpus.task).toBeNull();
      expect(data.inspection.labels.length).toBeGreaterThan(1);
    }
  });

  it.each([
    ['a 404', () => new Response('gone', { status: 404, statusText: 'Not Found' }), /answered 404 Not Found/],
    [
      'a truncated body',
      (_u: string, body: string) => new Response(body.slice(0, 50_001), { headers: { 'content-type': 'text/plain' } }),
      /cut short/,
    ],
    [
      'a web page',
      () => new Response('<!DOCTYPE html><html>login</html>\n', { headers: { 'content-type': 'text/html' } }),
      /sent a web page \(text\/html\)/,
    ],
    [
      'a file of the wrong format',
      () => new Response('label\tsentence\n1\tgood\n', { headers: { 'content-type': 'text/plain' } }),
      /not the expected corpus/,
    ],
  ])('%s falls back to the samples and says why; nothing is cached', async (_name, answer, reason) => {
    const cache = memoryCache();
    const data = await loadBuiltInTask(ner, { fetch: server(answer).fetch, cache, offline: false });
    expect(data.origin).toBe('samples');
    expect(data.problem).toMatch(reason);
    expect(data.problem).toContain('Universal NER');
    expect(data.inspection.sizes.train.examples).toBe(400);
    expect(cache.size()).toBe(0);
  });

  it('a failing network falls back to the samples', async () => {
    const data = await loadBuiltInTask(ner, {
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
      cache: null,
      offline: false,
    });
    expect(data.problem).toMatch(/download failed \(Failed to fetch\)/);
  });

  it('offline=1 never touches the network', async () => {
    const net = server();
    const data = await loadBuiltInTask(ner, { fetch: net.fetch, cache: null, offline: true });
    expect(data.origin).toBe('samples');
    expect(net.requested).toEqual([]);
  });

  it('a file over the size cap is refused before it is read', async () => {
    const big = { ...ner, files: ner.files.map((f) => ({ ...f, maxBytes: 1000 })) };
    const data = await loadBuiltInTask(big, { fetch: server().fetch, cache: null, offline: false });
    expect(data.problem).toMatch(/more than|larger than/);
  });
});

describe.skipIf(!hasSharedData())('NER and POS on the same sentences', () => {
  it('keeps only the sentences both corpora annotate with the same tokens, split by split, in each format', async () => {
    const net = server();
    const posData = await loadBuiltInTask(pos, { fetch: net.fetch, cache: null, offline: false });
    const nerData = await loadBuiltInTask(ner, { fetch: net.fetch, cache: null, offline: false });
    const shared = sharedSentences(posData.files, nerData.files);
    // The data README: 1,998 of 2,001 dev and 2,074 of 2,077 test sentences have identical tokens.
    expect(shared.counts.dev).toEqual({ joined: 1998, mismatched: 3, onlyPos: 0, onlyNer: 0 });
    expect(shared.counts.test?.joined).toBe(2074);
    const posDev = parseTaskFile(shared.pos.dev!.text, { format: 'conllu' });
    const nerDev = parseTaskFile(shared.ner.dev!.text, { format: 'iob2' });
    if (posDev.kind !== 'tagging' || nerDev.kind !== 'tagging') throw new Error('tagging expected');
    expect(posDev.examples).toHaveLength(1998);
    expect(nerDev.examples).toHaveLength(1998);
    posDev.examples.forEach((s, i) => {
      expect(nerDev.examples[i]?.id).toBe(s.id);
      expect(nerDev.examples[i]?.tokens).toEqual(s.tokens);
    });
    expect(new Set(posDev.examples.flatMap((s) => s.tags)).has('PROPN')).toBe(true);
    expect(new Set(nerDev.examples.flatMap((s) => s.tags)).has('B-PER')).toBe(true);
  });
});
