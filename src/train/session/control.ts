import type { SessionState, TrainingEvent } from '../events';

/**
 * The session's state and the pause, resume and stop asked for while it
 * runs. A pause takes effect between steps; the loop waits here while paused.
 */
export class RunControl {
  private current: SessionState = 'preparing';
  private stopRequested = false;
  private pauseRequested = false;
  private resumeWaiter: (() => void) | null = null;

  constructor(private readonly emit: (event: TrainingEvent) => void) {}

  get state(): SessionState {
    return this.current;
  }

  set(state: SessionState): void {
    this.current = state;
    this.emit({ type: 'state', state });
  }

  get pauseAsked(): boolean {
    return this.pauseRequested;
  }

  requestPause(): void {
    if (this.current === 'training' || this.current === 'validating') this.pauseRequested = true;
  }

  resume(): void {
    this.pauseRequested = false;
    if (this.current !== 'paused') return;
    this.set('training');
    this.resumeWaiter?.();
    this.resumeWaiter = null;
  }

  stop(): void {
    this.stopRequested = true;
    this.resume();
  }

  /** Pauses now (whether or not a pause was asked for, e.g. after a divergence). */
  pause(): void {
    this.pauseRequested = false;
    this.set('paused');
  }

  /** Waits while paused; says whether to go on (false once stop was asked for). */
  async waitIfPaused(): Promise<boolean> {
    if (this.current === 'paused') await new Promise<void>((resolve) => (this.resumeWaiter = resolve));
    return !this.stopRequested;
  }
}
