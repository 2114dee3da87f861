import type { CorpusFile } from './corpora';

/** A download that cannot be used; the message says why in a user's words. */
export class DownloadError extends Error {
  constructor(
    message: string,
    readonly url: string,
  ) {
    super(message);
    this.name = 'DownloadError';
  }
}

/** Where downloaded corpora are kept between visits (Cache Storage in the browser, a Map in tests). */
export interface TextCache {
  get(url: string): Promise<string | null>;
  put(url: string, text: string): Promise<void>;
}

export type FetchText = (url: string) => Promise<Response>;

export interface DownloadOptions {
  readonly fetch: FetchText;
  readonly cache: TextCache | null;
  /** Bytes received so far and the expected total (the server's length, else the catalogue's estimate). */
  readonly onProgress?: (loaded: number, total: number) => void;
  /** Throws when the text is not the expected corpus; a text that fails is never cached. */
  readonly validate: (text: string) => void;
}

export interface Downloaded {
  readonly text: string;
  readonly fromCache: boolean;
  /** Bytes read from the network (0 from the cache). */
  readonly bytes: number;
}

const MB = 1024 * 1024;

/** HTML where a data file was expected: an error page, a login wall or a captive portal. */
function looksLikeHtml(contentType: string | null, head: string): boolean {
  return (contentType ?? '').toLowerCase().includes('text/html') || /^\s*<(!doctype|html)/i.test(head);
}

/**
 * A corpus file from the cache, or else from the network with progress, a
 * size cap and checks (status, content type, complete last line, format);
 * only a file that passes is cached.
 */
export async function downloadCorpusFile(file: CorpusFile, options: DownloadOptions): Promise<Downloaded> {
  const cached = await options.cache?.get(file.url).catch(() => null);
  if (cached) {
    options.onProgress?.(cached.length, cached.length);
    return { text: cached, fromCache: true, bytes: 0 };
  }
  let response: Response;
  try {
    response = await options.fetch(file.url);
  } catch (err) {
    throw new DownloadError(
      `the download failed (${err instanceof Error ? err.message : String(err)}); no network?`,
      file.url,
    );
  }
  if (!response.ok)
    throw new DownloadError(
      `the server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
      file.url,
    );
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > file.maxBytes)
    throw new DownloadError(
      `the file is ${(declared / MB).toFixed(1)} MB, more than the ${file.maxBytes / MB} MB allowed`,
      file.url,
    );
  const total = Number.isFinite(declared) && declared > 0 ? declared : file.approxBytes;
  const text = await readBody(response, file, total, options.onProgress);
  if (looksLikeHtml(response.headers.get('content-type'), text.slice(0, 200))) {
    throw new DownloadError(
      `the server sent a web page (${response.headers.get('content-type') ?? 'no content type'}), not a data file`,
      file.url,
    );
  }
  // Every pinned corpus file ends with a line break: a body without one was cut short.
  if (text.length > 0 && !text.endsWith('\n'))
    throw new DownloadError('the file ends in the middle of a line: the download was cut short', file.url);
  try {
    options.validate(text);
  } catch (err) {
    throw new DownloadError(
      `the file is not the expected corpus: ${err instanceof Error ? err.message : String(err)}`,
      file.url,
    );
  }
  // A full cache (quota) only costs the next visit a download.
  await options.cache?.put(file.url, text).catch(() => undefined);
  return { text, fromCache: false, bytes: new TextEncoder().encode(text).length };
}

async function readBody(
  response: Response,
  file: CorpusFile,
  total: number,
  onProgress?: (loaded: number, total: number) => void,
): Promise<string> {
  if (!response.body) return response.text();
  const reader = response.body.getReader();
  const decoder = new TextDecoder('utf-8');
  const parts: string[] = [];
  let loaded = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      loaded += value.byteLength;
      if (loaded > file.maxBytes) {
        await reader.cancel();
        throw new DownloadError(`the file is larger than the ${file.maxBytes / MB} MB allowed`, file.url);
      }
      parts.push(decoder.decode(value, { stream: true }));
      // Compressed transfers can pass the declared length: the bar then waits at its end.
      onProgress?.(loaded, Math.max(total, loaded));
    }
  } catch (err) {
    if (err instanceof DownloadError) throw err;
    throw new DownloadError(
      `the download was interrupted (${err instanceof Error ? err.message : String(err)})`,
      file.url,
    );
  }
  parts.push(decoder.decode());
  return parts.join('');
}

/** Cache Storage, where the browser (page or worker) has it; null elsewhere (then nothing is cached). */
export async function browserTextCache(name = 'mtl-playground-corpora-v1'): Promise<TextCache | null> {
  if (typeof caches === 'undefined') return null;
  const cache = await caches.open(name);
  return {
    async get(url) {
      const hit = await cache.match(url);
      return hit ? hit.text() : null;
    },
    async put(url, text) {
      await cache.put(url, new Response(text, { headers: { 'content-type': 'text/plain; charset=utf-8' } }));
    },
  };
}
