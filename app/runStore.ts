import type { BackendInfo, Checkpoint, LossPoint, RunResult, SessionState, ValidationPoint } from '../src/train/events';
import type { WorkerMessage } from '../src/worker/protocol';

/** Everything the page shows about the current run; updated by pure reduce(), outside React. */
export interface RunState {
  readonly status: SessionState | 'idle' | 'failed';
  readonly backend: BackendInfo | null;
  readonly points: readonly LossPoint[];
  readonly validations: readonly ValidationPoint[];
  readonly result: RunResult | null;
  readonly error: string | null;
  readonly warning: string | null;
  readonly msPerStep: number | null;
  /** Passes over each task's training data so far. */
  readonly epochs: Readonly<Record<string, number>>;
  /** The newest weights sent by the worker: a new worker can continue from them. */
  readonly checkpoint: Checkpoint | null;
  /** Tensors alive in the worker at the last progress report. */
  readonly tensors: number | null;
}

export const IDLE: RunState = { status: 'idle', backend: null, points: [], validations: [], result: null, error: null, warning: null, msPerStep: null, epochs: {}, checkpoint: null, tensors: null };

export function reduce(state: RunState, message: WorkerMessage): RunState {
  switch (message.kind) {
    case 'backend':
      return { ...state, backend: message.info };
    case 'error':
      // The curves so far stay; the message says what went wrong.
      return { ...state, status: message.id === undefined ? 'failed' : state.status, error: `${message.error.name}: ${message.error.message}` };
    case 'prediction':
    case 'exported':
    case 'loaded':
    case 'disposed':
      return state;
    case 'event': {
      const e = message.event;
      switch (e.type) {
        case 'prepared':
          return state;
        case 'checkpoint':
          return { ...state, checkpoint: e.checkpoint };
        case 'state':
          return { ...state, status: e.state };
        case 'progress':
          // New points after a warning mean training went on: the warning is old news.
          return { ...state, points: [...state.points, ...e.points], msPerStep: e.msPerStep, epochs: e.epochs, tensors: e.tensors, warning: state.status === 'training' ? null : state.warning };
        case 'validation':
          return { ...state, validations: [...state.validations, e.point] };
        case 'warning':
        case 'diverged':
          return { ...state, warning: e.message };
        case 'done':
          return { ...state, result: e.result, status: 'finished' };
      }
    }
  }
}

/** A tiny external store: per-step data stays off React state; subscribers redraw at their own pace. */
export class RunStore {
  private state: RunState = IDLE;
  private readonly listeners = new Set<() => void>();

  get = (): RunState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  apply(message: WorkerMessage): void {
    this.set(reduce(this.state, message));
  }

  reset(): void {
    this.set({ ...IDLE, status: 'preparing' });
  }

  /** Curves of a run interrupted in an earlier visit come back before its worker continues. */
  restore(points: readonly LossPoint[], validations: readonly ValidationPoint[]): void {
    this.set({ ...IDLE, status: 'preparing', points, validations });
  }

  /** A new worker takes over from a checkpoint: curves stay, points after the checkpoint are dropped (they are redone). */
  continueFrom(checkpoint: Checkpoint): void {
    this.set({
      ...this.state,
      status: 'preparing',
      error: null,
      warning: null,
      result: null,
      points: this.state.points.filter((p) => p.step <= checkpoint.step),
      validations: this.state.validations.filter((v) => v.step <= checkpoint.step),
    });
  }

  clear(): void {
    this.set(IDLE);
  }

  private set(next: RunState): void {
    this.state = next;
    for (const l of this.listeners) l();
  }
}
