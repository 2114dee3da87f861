import { describe, expect, it } from 'vitest';
import { storageError } from './runArchive';

describe('storage errors in words', () => {
  it('names a full quota even when the browser gives no message', () => {
    expect(storageError(new DOMException('', 'QuotaExceededError'))).toBe('the storage quota for this site is full');
    expect(storageError(new DOMException('disk full', 'QuotaExceededError'))).toBe(
      'the storage quota for this site is full: disk full',
    );
  });

  it('falls back to the message, then the name', () => {
    expect(storageError(new Error('IndexedDB is blocked by another tab'))).toBe('IndexedDB is blocked by another tab');
    expect(storageError(new DOMException('', 'AbortError'))).toBe('AbortError');
    expect(storageError('refused')).toBe('refused');
  });
});
