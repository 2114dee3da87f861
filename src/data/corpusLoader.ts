import type { Corpus, Split } from './corpora';
import { DownloadError, downloadCorpusFile, type FetchText, type TextCache } from './download';
import { parseTaskFile, type ParsedExamples } from './formats';
import { inspectTask, type TaskInspection } from './inspector';
import { joinOnSentenceId } from './join';
import { checkIob2, checkLabelSet } from './labels';
import { ParseError } from './parseError';
import type { DataFile, TaskFiles } from './prepare';
import { sampleCorpus } from './samples';
import { serialiseTagged } from './serialise';

export type DataOrigin = 'network' | 'cache' | 'samples' | 'file';

/** One task's data as the page shows and trains it. */
export interface TaskData {
  readonly task: string;
  readonly origin: DataOrigin;
  readonly files: TaskFiles;
  /** Bytes downloaded for this visit (0 from the cache or the samples). */
  readonly downloadedBytes: number;
  /** Why the samples are used instead of the real corpus; null when they are not. */
  readonly problem: string | null;
  readonly inspection: TaskInspection;
}

export interface LoadOptions {
  readonly fetch: FetchText;
  readonly cache: TextCache | null;
  /** Use the samples without trying the network (`offline=1`). */
  readonly offline: boolean;
  readonly onProgress?: (split: Split, loaded: number, total: number) => void;
}

/** The offline samples that ship with the app, as task files (written by the team: src/data/samples.ts). */
export function sampleTaskFiles(): Record<'sentiment' | 'ner' | 'pos', TaskFiles> {
  const corpus = sampleCorpus();
  const files = (name: string, s: { train: string; dev: string; test: string }): TaskFiles => ({
    train: { name: `${name} sample (train)`, text: s.train },
    dev: { name: `${name} sample (dev)`, text: s.dev },
    test: { name: `${name} sample (test)`, text: s.test },
  });
  return {
    sentiment: files('sentiment', corpus.sentiment),
    ner: files('ner', corpus.ner),
    pos: files('pos', corpus.pos),
  };
}

/** Parses a file of a corpus and checks its labels against the corpus's label set. */
export function parseCorpusFile(corpus: Corpus, file: DataFile): ParsedExamples {
  try {
    const parsed = parseTaskFile(file.text, { format: corpus.format });
    if (parsed.kind === 'tagging' && (corpus.format === 'iob2' || corpus.format === 'conll2003'))
      checkIob2(parsed.examples);
    checkLabelSet(parsed.examples, corpus.labels);
    return parsed;
  } catch (err) {
    throw err instanceof ParseError ? err.withFile(file.name) : err;
  }
}

function inspectFiles(
  corpus: Corpus,
  files: TaskFiles,
  parsed: Partial<Record<Split, ParsedExamples>> = {},
): TaskInspection {
  // A split already parsed (checked on download) is not parsed again.
  const read = (split: Split, f: DataFile | undefined) =>
    parsed[split] ?? (f ? parseTaskFile(f.text, { format: corpus.format }) : undefined);
  const dev = read('dev', files.dev);
  const test = read('test', files.test);
  return inspectTask({
    train: read('train', files.train) as ParsedExamples,
    ...(dev ? { dev } : {}),
    ...(test ? { test } : {}),
  });
}

/**
 * A built-in task's real corpus (from the cache, else downloaded and
 * checked), or its offline sample with the reason when that fails.
 */
export async function loadBuiltInTask(corpus: Corpus, options: LoadOptions): Promise<TaskData> {
  const samples = sampleTaskFiles()[corpus.task];
  const onSamples = (problem: string): TaskData => ({
    task: corpus.task,
    origin: 'samples',
    files: samples,
    downloadedBytes: 0,
    problem,
    inspection: inspectFiles(corpus, samples),
  });
  if (options.offline) return onSamples('offline mode (offline=1)');

  const texts: Partial<Record<Split, DataFile>> = {};
  const parsedSplits: Partial<Record<Split, ParsedExamples>> = {};
  let bytes = 0;
  let allCached = true;
  try {
    for (const file of corpus.files) {
      const name = `${corpus.name} ${file.split} (${file.url.split('/').at(-1) ?? ''})`;
      let parsed: ParsedExamples | undefined;
      const got = await downloadCorpusFile(file, {
        fetch: options.fetch,
        cache: options.cache,
        onProgress: (loaded, total) => options.onProgress?.(file.split, loaded, total),
        validate: (text) => {
          parsed = parseCorpusFile(corpus, { name, text });
        },
      });
      // A cached file was checked before it was stored: the inspector parses it once, below.
      if (parsed) parsedSplits[file.split] = parsed;
      texts[file.split] = { name, text: got.text };
      bytes += got.bytes;
      allCached &&= got.fromCache;
    }
  } catch (err) {
    const reason =
      err instanceof DownloadError ? `${err.message} (${err.url})` : err instanceof Error ? err.message : String(err);
    return onSamples(`could not load ${corpus.name}: ${reason}`);
  }
  const train = texts.train as DataFile;
  const files: TaskFiles = {
    train,
    ...(texts.dev ? { dev: texts.dev } : {}),
    ...(texts.test ? { test: texts.test } : {}),
  };
  return {
    task: corpus.task,
    origin: allCached ? 'cache' : 'network',
    files,
    downloadedBytes: bytes,
    problem: null,
    inspection: inspectFiles(corpus, files, parsedSplits),
  };
}

/** How many sentences NER and POS share per split (joined on sent_id), and how many differ in tokens and are skipped. */
export interface SharedCounts {
  readonly joined: number;
  readonly mismatched: number;
  readonly onlyPos: number;
  readonly onlyNer: number;
}

/** NER and POS restricted to the EWT sentences both annotate, with the counts per split. */
export interface SharedSentences {
  readonly counts: Readonly<Partial<Record<Split, SharedCounts>>>;
  readonly pos: TaskFiles;
  readonly ner: TaskFiles;
}

const SPLITS: readonly Split[] = ['train', 'dev', 'test'];

function tagged(file: DataFile, format: 'conllu' | 'iob2') {
  const parsed = parseTaskFile(file.text, { format });
  return parsed.kind === 'tagging' ? parsed.examples : [];
}

/**
 * Joins UD POS and Universal NER on sent_id, split by split, and writes each
 * task's files back with only the shared sentences (same tokens, same
 * order), so both tasks can be trained on exactly the same text. Sentences
 * whose tokens differ between the corpora are skipped and counted.
 */
export function sharedSentences(pos: TaskFiles, ner: TaskFiles): SharedSentences {
  const counts: Partial<Record<Split, SharedCounts>> = {};
  const posFiles: Partial<Record<Split, DataFile>> = {};
  const nerFiles: Partial<Record<Split, DataFile>> = {};
  for (const split of SPLITS) {
    const p = pos[split];
    const n = ner[split];
    if (!p || !n) continue;
    const join = joinOnSentenceId(tagged(p, 'conllu'), tagged(n, 'iob2'));
    counts[split] = {
      joined: join.joined.length,
      mismatched: join.mismatched.length,
      onlyPos: join.onlyLeft,
      onlyNer: join.onlyRight,
    };
    if (join.joined.length === 0) continue;
    posFiles[split] = {
      name: `${p.name}, sentences shared with NER`,
      text: serialiseTagged(
        join.joined.map((s) => ({ id: s.id, tokens: s.tokens, tags: s.left })),
        'conllu',
      ),
    };
    nerFiles[split] = {
      name: `${n.name}, sentences shared with POS`,
      text: serialiseTagged(
        join.joined.map((s) => ({ id: s.id, tokens: s.tokens, tags: s.right })),
        'iob2',
      ),
    };
  }
  const files = (f: Partial<Record<Split, DataFile>>, whole: TaskFiles): TaskFiles => ({
    // No shared training sentence: the task keeps its own train file rather than training on nothing.
    train: f.train ?? whole.train,
    ...(f.dev ? { dev: f.dev } : {}),
    ...(f.test ? { test: f.test } : {}),
  });
  return { counts, pos: files(posFiles, pos), ner: files(nerFiles, ner) };
}
