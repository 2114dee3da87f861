import { useCallback, useState } from 'react';

/** The settings whose text does not parse, by key: Train waits until there are none. */
export function useValidity(): [ReadonlySet<string>, (key: string, valid: boolean) => void] {
  const [invalid, setInvalid] = useState<ReadonlySet<string>>(new Set());
  const onValidity = useCallback((key: string, valid: boolean) => {
    setInvalid((prev) => {
      if (valid === !prev.has(key)) return prev;
      const next = new Set(prev);
      if (valid) next.delete(key);
      else next.add(key);
      return next;
    });
  }, []);
  return [invalid, onValidity];
}
