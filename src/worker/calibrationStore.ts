import type { BackendCalibration } from '../train/events';
import { CALIBRATED_BACKENDS, memoryCalibrationStore, type CalibrationStore } from './calibration';

const DATABASE = 'mtl-playground-calibration';
const STORE = 'calibrations';

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error('IndexedDB request failed'));
  });
}

/** An entry as this version writes it; anything else (an older or damaged one) is measured again. */
function isCalibration(value: unknown): value is BackendCalibration {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<BackendCalibration>;
  return (
    typeof v.kept === 'string' &&
    CALIBRATED_BACKENDS.includes(v.kept) &&
    Array.isArray(v.measured) &&
    v.measured.some((m: { name?: unknown }) => m.name === v.kept)
  );
}

/**
 * Calibrations kept in the worker's IndexedDB, so "Best available" measures
 * once per device and model size; a Map for this worker's life where
 * IndexedDB is missing or refuses (a private window).
 */
export function indexedDbCalibrationStore(): CalibrationStore {
  if (typeof indexedDB === 'undefined') return memoryCalibrationStore();
  const fallback = memoryCalibrationStore();
  let database: Promise<IDBDatabase> | null = null;
  const open = () => {
    database ??= new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open(DATABASE, 1);
      r.onupgradeneeded = () => r.result.createObjectStore(STORE);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error ?? new Error('IndexedDB would not open'));
    });
    return database;
  };
  return {
    async get(key) {
      try {
        const db = await open();
        const value: unknown = await request(db.transaction(STORE).objectStore(STORE).get(key));
        return isCalibration(value) ? value : null;
      } catch {
        return fallback.get(key);
      }
    },
    async set(key, calibration) {
      try {
        const db = await open();
        await request(db.transaction(STORE, 'readwrite').objectStore(STORE).put(calibration, key));
      } catch {
        await fallback.set(key, calibration);
      }
    },
  };
}
