import { upgradeSavedForm, type ExperimentForm } from '../../src/config/form';
import type { BackendInfo, Checkpoint, FineTune, LossPoint, RunResult, ValidationPoint } from '../../src/train/events';

/** A finished run as stored: enough to redraw its charts and to run it again. */
export interface SavedRun {
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  readonly form: ExperimentForm;
  readonly tasks: readonly string[];
  readonly points: readonly LossPoint[];
  readonly validations: readonly ValidationPoint[];
  readonly result: RunResult;
  readonly backend: BackendInfo | null;
  /** The final weights (kept in the browser only, not in exported files): a later run can start from them. */
  readonly checkpoint?: Checkpoint;
}

/**
 * The run in progress, rewritten at every checkpoint: if the tab is closed or
 * the browser dies, the next visit offers to continue from it.
 */
export interface UnfinishedRun {
  readonly id: string;
  readonly name: string;
  readonly savedAt: string;
  readonly form: ExperimentForm;
  readonly points: readonly LossPoint[];
  readonly validations: readonly ValidationPoint[];
  readonly backend: BackendInfo | null;
  readonly checkpoint: Checkpoint;
  /** A fine-tuning run keeps its source, whose vocabulary its weights need. */
  readonly fineTune?: FineTune;
}

/** The database and the store of the run in progress; exported so a browser test reads what the next visit reads. */
export const ARCHIVE_DB = 'mtl-playground';
const STORE = 'runs';
export const UNFINISHED_STORE = 'unfinished';
/** The one key of the unfinished-run store: only the newest run in progress is kept. */
const LATEST = 'latest';

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

/**
 * A write is kept only once its transaction commits: a full disk or quota
 * shows as the transaction aborting after the put itself succeeded.
 */
function committed(r: IDBRequest): Promise<void> {
  const tx = r.transaction;
  if (!tx) return request(r).then(() => undefined);
  // Listening before the request settles: the commit can follow its success at once.
  return new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    // A failed request aborts its transaction, so both a refused put and a failed commit land here.
    tx.onabort = () => reject(tx.error ?? r.error ?? new Error('the browser did not keep the write'));
  });
}

/** Saved runs in IndexedDB. Every method rejects (never throws synchronously) when storage is refused. */
export class RunArchive {
  private db: Promise<IDBDatabase> | null = null;

  private open(): Promise<IDBDatabase> {
    if (!this.db) {
      this.db = new Promise<IDBDatabase>((resolve, reject) => {
        if (typeof indexedDB === 'undefined') return reject(new Error('this browser offers no IndexedDB'));
        const r = indexedDB.open(ARCHIVE_DB, 2);
        r.onupgradeneeded = () => {
          const names = r.result.objectStoreNames;
          if (!names.contains(STORE)) r.result.createObjectStore(STORE, { keyPath: 'id' });
          if (!names.contains(UNFINISHED_STORE)) r.result.createObjectStore(UNFINISHED_STORE);
        };
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error ?? new Error('IndexedDB could not be opened'));
        r.onblocked = () => reject(new Error('IndexedDB is blocked by another tab'));
      }).catch((err: unknown) => {
        this.db = null;
        throw err;
      });
    }
    return this.db;
  }

  private async store(mode: IDBTransactionMode, name = STORE): Promise<IDBObjectStore> {
    return (await this.open()).transaction(name, mode).objectStore(name);
  }

  async list(): Promise<SavedRun[]> {
    const runs = await request((await this.store('readonly')).getAll() as IDBRequest<SavedRun[]>);
    return runs
      .map((r) => ({ ...r, form: upgradeSavedForm(r.form) }))
      .sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
  }

  async put(run: SavedRun): Promise<void> {
    await committed((await this.store('readwrite')).put(run));
  }

  async delete(id: string): Promise<void> {
    await committed((await this.store('readwrite')).delete(id));
  }

  putUnfinished(run: UnfinishedRun): Promise<void> {
    return this.inOrder(async () => committed((await this.store('readwrite', UNFINISHED_STORE)).put(run, LATEST)));
  }

  /** The run in progress when the page was last open; not one that finished and was saved after its last checkpoint. */
  async getUnfinished(): Promise<UnfinishedRun | null> {
    const tx = (await this.open()).transaction([STORE, UNFINISHED_STORE], 'readonly');
    const [stored, savedIds] = await Promise.all([
      request(tx.objectStore(UNFINISHED_STORE).get(LATEST) as IDBRequest<UnfinishedRun | undefined>),
      request(tx.objectStore(STORE).getAllKeys()),
    ]);
    // A record left beside its saved run (by a version that finished in two transactions) is not interrupted.
    if (!stored || savedIds.includes(stored.id)) return null;
    return { ...stored, form: upgradeSavedForm(stored.form) };
  }

  /**
   * Keeps a finished run and stops offering it as interrupted, in one
   * transaction: a page closed in between must not leave the run both saved
   * and offered again (it was, when the two were separate writes).
   */
  finish(run: SavedRun): Promise<void> {
    return this.inOrder(async () => {
      const tx = (await this.open()).transaction([STORE, UNFINISHED_STORE], 'readwrite');
      tx.objectStore(UNFINISHED_STORE).delete(LATEST);
      return committed(tx.objectStore(STORE).put(run));
    });
  }

  clearUnfinished(): Promise<void> {
    return this.inOrder(async () => committed((await this.store('readwrite', UNFINISHED_STORE)).delete(LATEST)));
  }

  /**
   * Writes of the interrupted run, one after another in call order: a
   * checkpoint's write still opening the store must not land after the clear
   * that follows the run's end (it did, under load: a finished run was
   * offered again as interrupted).
   */
  private inOrder(write: () => Promise<void>): Promise<void> {
    const next = this.unfinishedWrites.then(write);
    this.unfinishedWrites = next.catch(() => undefined);
    return next;
  }

  private unfinishedWrites: Promise<void> = Promise.resolve();
}

/** Why storage failed, in words: browsers give a quota failure a name and often an empty message. */
export function storageError(err: unknown): string {
  if (err instanceof DOMException && err.name === 'QuotaExceededError')
    return `the storage quota for this site is full${err.message ? `: ${err.message}` : ''}`;
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}
