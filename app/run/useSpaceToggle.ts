import { useEffect } from 'react';
import type { RunState } from './runStore';

/** Typing a space in these must type a space, not start or pause a run. */
const isTextField = (el: EventTarget | null) =>
  el instanceof HTMLElement &&
  (el.isContentEditable ||
    el.tagName === 'TEXTAREA' ||
    el.tagName === 'SELECT' ||
    (el.tagName === 'INPUT' &&
      !['checkbox', 'radio', 'range', 'button', 'submit'].includes((el as HTMLInputElement).type)));

interface Controls {
  readonly status: RunState['status'];
  /** True when Train may start a run now. */
  readonly canTrain: boolean;
  readonly pause: () => void;
  readonly resume: () => void;
  readonly train: () => void;
}

/** Space toggles play/pause (or starts a run) unless focus is in a text field or on a button. */
export function useSpaceToggle({ status, canTrain, pause, resume, train }: Controls): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.code !== 'Space' || e.repeat || isTextField(e.target) || e.target instanceof HTMLButtonElement) return;
      e.preventDefault();
      if (status === 'training' || status === 'validating') pause();
      else if (status === 'paused') resume();
      else if (canTrain) train();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [status, canTrain, pause, resume, train]);
}
