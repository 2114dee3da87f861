import type { SessionState, TrainingEvent } from '../events';

/**
 * The session's state and the pause, resume and stop asked for while it
 * runs. A pause takes effect between steps; the loop waits here while paused.
 */
export class RunControl {
  private current: SessionState = 'preparing';
  private stopRequested = false;
  private pauseRequested = false;
  /** A Step asked for: pause again once the next step is taken. */
  private pauseAfterStep = false;
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
    this.pauseAfterStep = false;
    if (this.current !== 'paused') return;
    this.set('training');
    this.resumeWaiter?.();
    this.resumeWaiter = null;
  }

  /** Trains exactly one more step, then pauses: from a pause, or before the first step. */
  step(): void {
    if (this.current === 'paused') this.resume();
    else if (this.current !== 'preparing') return;
    this.pauseAfterStep = true;
  }

  /** Called once a step is taken: after a Step, the loop pauses before the next one. */
  stepTaken(): void {
    if (!this.pauseAfterStep) return;
    this.pauseAfterStep = false;
    this.pauseRequested = true;
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
