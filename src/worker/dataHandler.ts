import { FORMAT_KIND, type TaskSpec } from '../config/experiment';
import { corpusOf } from '../data/corpora';
import { loadBuiltInTask, sharedSentences, type TaskData } from '../data/corpusLoader';
import { detectFormat } from '../data/detect';
import type { FetchText, TextCache } from '../data/download';
import { parseTaskFile, type FileReading, type ParsedExamples } from '../data/formats';
import { inspectTask } from '../data/inspector';
import { checkIob2 } from '../data/labels';
import { ParseError } from '../data/parseError';
import { readBlobText } from '../data/readBlob';
import { userSplitFiles } from '../data/serialise';
import { splitParsed } from '../data/userSplit';
import {
  assertNever,
  toWireError,
  type DataMessage,
  type DataRequest,
  type UserFileProgress,
  type UserTaskChoice,
} from './protocol';

export interface DataHandlerDeps {
  readonly post: (message: DataMessage) => void;
  readonly fetch: FetchText;
  readonly cache: () => Promise<TextCache | null>;
}

/** The data worker's logic, apart from the worker so tests drive it directly. */
export function createDataHandler(deps: DataHandlerDeps): (request: DataRequest) => Promise<void> {
  // The last file a user dropped: read once, then turned into a task with the choices made on the page.
  // Its parse for the preview is kept too, so confirming the detected reading does not parse 50 MB again.
  const files = new Map<number, { name: string; text: string; reading: string; parsed: ParsedExamples }>();

  function parseUserFile(name: string, text: string, reading: FileReading): ParsedExamples {
    return withFileName(name, () => {
      const p = parseTaskFile(text, reading);
      // An entity file with a tag that is not IOB2 is refused now, naming the line, not after the user has chosen a name.
      if (p.kind === 'tagging' && reading.format !== 'conllu') checkIob2(p.examples);
      return p;
    });
  }

  async function loadCorpora(tasks: readonly string[], offline: boolean): Promise<void> {
    const cache = offline ? null : await deps.cache().catch(() => null);
    const loaded = new Map<string, TaskData>();
    await Promise.all(
      tasks.map(async (task) => {
        const corpus = corpusOf(task);
        if (!corpus) return;
        const data = await loadBuiltInTask(corpus, {
          fetch: deps.fetch,
          cache,
          offline,
          onProgress: (split, loadedBytes, total) =>
            deps.post({ kind: 'corpusProgress', task, split, loaded: loadedBytes, total }),
        });
        loaded.set(task, data);
        deps.post({ kind: 'taskData', data });
      }),
    );
    const pos = loaded.get('pos');
    const ner = loaded.get('ner');
    if (pos && ner && pos.origin !== 'samples' && ner.origin !== 'samples')
      deps.post({ kind: 'sharedSentences', shared: sharedSentences(pos.files, ner.files) });
  }

  async function readUserFile(id: number, file: Blob, name: string): Promise<void> {
    const report = (progress: UserFileProgress) => deps.post({ kind: 'userFileProgress', id, progress });
    const text = await readBlobText(file, (loaded, total) => report({ stage: 'reading', loaded, total }));
    report({ stage: 'parsing', total: file.size });
    const detection = detectFormat(text, name);
    const header = detection.columns?.hasHeader;
    const reading: FileReading = {
      format: detection.format,
      ...(detection.columns
        ? { textColumn: detection.columns.textColumn, labelColumn: detection.columns.labelColumn }
        : {}),
      ...(header === undefined ? {} : { header }),
    };
    files.clear();
    const parsed = parseUserFile(name, text, reading);
    files.set(id, { name, text, reading: readingKey(reading), parsed });
    report({ stage: 'inspecting', total: file.size, examples: parsed.examples.length });
    deps.post({
      kind: 'userFile',
      id,
      preview: { fileName: name, bytes: file.size, detection, inspection: inspectTask({ train: parsed }) },
    });
  }

  function buildUserTask(id: number, fileId: number, choice: UserTaskChoice): void {
    const file = files.get(fileId);
    if (!file) throw new Error('that file is no longer loaded: drop it again');
    const chosen: FileReading = {
      format: choice.format,
      ...(choice.textColumn === undefined ? {} : { textColumn: choice.textColumn }),
      ...(choice.labelColumn === undefined ? {} : { labelColumn: choice.labelColumn }),
      ...(choice.header === undefined ? {} : { header: choice.header }),
    };
    const parsed = readingKey(chosen) === file.reading ? file.parsed : parseUserFile(file.name, file.text, chosen);
    const split = splitParsed(parsed, choice.ratios, choice.seed);
    const { files: taskFiles, spec: reading } = userSplitFiles(choice.name, split);
    const spec: TaskSpec = { name: choice.name, kind: FORMAT_KIND[reading.format], ...reading };
    const data: TaskData = {
      task: choice.name,
      origin: 'file',
      files: taskFiles,
      downloadedBytes: 0,
      problem: null,
      inspection: inspectTask({ train: split.train, dev: split.dev, test: split.test }),
    };
    deps.post({ kind: 'userTask', id, data, spec });
  }

  return async (request) => {
    try {
      switch (request.kind) {
        case 'loadCorpora':
          return await loadCorpora(request.tasks, request.offline);
        case 'readUserFile':
          return await readUserFile(request.id, request.file, request.name);
        case 'buildUserTask':
          return buildUserTask(request.id, request.file, request.task);
        default:
          return assertNever(request);
      }
    } catch (err) {
      deps.post({ kind: 'dataError', id: 'id' in request ? request.id : 0, error: toWireError(err) });
    }
  };
}

/** The same reading choices give the same key, whatever order their fields came in. */
function readingKey(r: FileReading): string {
  return JSON.stringify([r.format, r.textColumn ?? null, r.labelColumn ?? null, r.header ?? null]);
}

function withFileName<T>(name: string, read: () => T): T {
  try {
    return read();
  } catch (err) {
    throw err instanceof ParseError ? err.withFile(name) : err;
  }
}
