import type { ExperimentForm } from '../src/config/form';
import type { BackendInfo, LossPoint, RunResult, ValidationPoint } from '../src/train/events';

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
}

const DB = 'mtl-playground';
const STORE = 'runs';

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

/** Saved runs in IndexedDB. Every method rejects (never throws synchronously) when storage is refused. */
export class RunArchive {
  private db: Promise<IDBDatabase> | null = null;

  private open(): Promise<IDBDatabase> {
    if (!this.db) {
      this.db = new Promise<IDBDatabase>((resolve, reject) => {
        if (typeof indexedDB === 'undefined') return reject(new Error('this browser offers no IndexedDB'));
        const r = indexedDB.open(DB, 1);
        r.onupgradeneeded = () => r.result.createObjectStore(STORE, { keyPath: 'id' });
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

  private async store(mode: IDBTransactionMode): Promise<IDBObjectStore> {
    return (await this.open()).transaction(STORE, mode).objectStore(STORE);
  }

  async list(): Promise<SavedRun[]> {
    const runs = await request((await this.store('readonly')).getAll() as IDBRequest<SavedRun[]>);
    return runs.sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
  }

  async put(run: SavedRun): Promise<void> {
    await request((await this.store('readwrite')).put(run));
  }

  async delete(id: string): Promise<void> {
    await request((await this.store('readwrite')).delete(id));
  }
}
