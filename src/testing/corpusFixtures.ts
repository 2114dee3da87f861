import { CORPORA } from '../data/corpora';
import { readShared, SHARED } from './sharedData';

/**
 * What tests answer in place of each pinned corpus URL: the copies in
 * ../shared/data. The UD and UNER train files are not there, so their dev
 * files stand in for train (same format, real sentences).
 */
const STAND_INS: Readonly<Record<string, string>> = {
  'pos/train': SHARED.udDev,
  'pos/dev': SHARED.udDev,
  'pos/test': SHARED.udTest,
  'ner/train': SHARED.unerDev,
  'ner/dev': SHARED.unerDev,
  'ner/test': SHARED.unerTest,
  'sentiment/train': SHARED.sstTrain,
  'sentiment/test': SHARED.sstDev,
};

export function sharedFileFor(url: string): { path: string; text: string } | null {
  for (const corpus of CORPORA) {
    const file = corpus.files.find((f) => f.url === url);
    if (!file) continue;
    const path = STAND_INS[`${corpus.task}/${file.split}`];
    return path ? { path, text: readShared(path) } : null;
  }
  return null;
}
