import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The real corpora live outside the repository (never copied in):
 * ../shared/data by default, MTL_DATA_DIR to point elsewhere.
 */
export const DATA_DIR = resolve(process.env.MTL_DATA_DIR ?? resolve(import.meta.dirname, '../../../shared/data'));

export function hasSharedData(): boolean {
  return existsSync(resolve(DATA_DIR, 'ud-english-ewt/en_ewt-ud-dev.conllu'));
}

export function readShared(relative: string): string {
  return readFileSync(resolve(DATA_DIR, relative), 'utf8');
}

export const SHARED = {
  udDev: 'ud-english-ewt/en_ewt-ud-dev.conllu',
  udTest: 'ud-english-ewt/en_ewt-ud-test.conllu',
  unerDev: 'uner-english-ewt/en_ewt-ud-dev.iob2',
  unerTest: 'uner-english-ewt/en_ewt-ud-test.iob2',
  sstTrain: 'sst2/train.tsv',
  sstDev: 'sst2/dev.tsv',
} as const;
