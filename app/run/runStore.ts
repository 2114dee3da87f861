import type {
  BackendInfo,
  Checkpoint,
  LossPoint,
  RunResult,
  SessionState,
  TaskSummary,
  ValidationPoint,
} from '../../src/train/events';
import type { WorkerMessage } from '../../src/worker/protocol';
import type { BackendName } from '../../src/config/experiment';

/** Everything the page shows about the current run; updated by pure reduce(), outside React. */
export interface RunState {
  readonly status: SessionState | 'idle' | 'failed';
  readonly backend: BackendInfo | null;
  /** The backend "Best available" is timing on this run's model, until it has chosen. */
  readonly measuring: BackendName | null;
  readonly points: readonly LossPoint[];
  readonly validations: readonly ValidationPoint[];
  readonly result: RunResult | null;
  readonly error: string | null;
  readonly warning: string | null;
  readonly msPerStep: number | null;
  /** Validation time per training step so far (the page adds it to "time left"). */
  readonly validationMsPerStep: number;
  /** Passes over each task's training data so far. */
  readonly epochs: Readonly<Record<string, number>>;
  /** The newest weights sent by the worker: a new worker can continue from them. */
  readonly checkpoint: Checkpoint | null;
  /** Tensors alive in the worker at the last progress report. */
  readonly tensors: number | null;
  /** What each task trains, validates and tests on, as the worker prepared it (after caps and joins). */
  readonly prepared: readonly TaskSummary[] | null;
  /** The steps asked for one at a time with Step, in order (their points are the step-by-step table's rows). */
  readonly steppedAt: readonly number[];
}

export const IDLE: RunState = {
  status: 'idle',
  backend: null,
  measuring: null,
  points: [],
  validations: [],
  result: null,
  error: null,
  warning: null,
  msPerStep: null,
  validationMsPerStep: 0,
  epochs: {},
  checkpoint: null,
  tensors: null,
  prepared: null,
  steppedAt: [],
};

/**
 * A run's loss points, append-only: adding k points costs O(k), where copying
 * the whole array on every progress message cost O(n) each (O(n²) over a
 * run). A log is an immutable view of the first `length` points of a buffer
 * that later logs may extend in place; only the newest view extends it, an
 * older one (a branch) copies its prefix first. `version` grows with every
 * new view, so it can key caches. The plain array the page reads is built
 * when first asked for and kept: once per redraw at most, not per message.
 */
export class PointLog {
  private static versions = 0;
  readonly version = ++PointLog.versions;
  private array: readonly LossPoint[] | null = null;

  private constructor(
    private readonly buffer: LossPoint[],
    readonly length: number,
  ) {}

  static of(points: readonly LossPoint[]): PointLog {
    return new PointLog([...points], points.length);
  }

  append(added: readonly LossPoint[]): PointLog {
    if (added.length === 0) return this;
    const buffer = this.buffer.length === this.length ? this.buffer : this.buffer.slice(0, this.length);
    for (const p of added) buffer.push(p);
    return new PointLog(buffer, this.length + added.length);
  }

  /** The points kept by `keep`, in a buffer of their own. */
  filter(keep: (p: LossPoint) => boolean): PointLog {
    return PointLog.of(this.toArray().filter(keep));
  }

  last(): LossPoint | undefined {
    return this.length > 0 ? this.buffer[this.length - 1] : undefined;
  }

  toArray(): readonly LossPoint[] {
    return (this.array ??= this.buffer.slice(0, this.length));
  }
}

/** The log behind each state reduce() made; a state built elsewhere (a spread, IDLE) has none. */
const logs = new WeakMap<RunState, PointLog>();

export function pointLog(state: RunState): PointLog {
  return logs.get(state) ?? PointLog.of(state.points);
}

/**
 * `state` with `changes` and the points of `log`, without reading
 * `state.points`: that would build the array on every message. `points` is
 * a getter (enumerable, so a spread or toEqual sees the points).
 */
function derive(state: RunState, changes: Partial<Omit<RunState, 'points'>>, log: PointLog): RunState {
  const descriptors: PropertyDescriptorMap = Object.getOwnPropertyDescriptors(state);
  delete descriptors.points;
  const next = Object.assign(Object.defineProperties({}, descriptors), changes) as RunState;
  Object.defineProperty(next, 'points', { enumerable: true, configurable: true, get: () => log.toArray() });
  logs.set(next, log);
  return next;
}

export function reduce(state: RunState, message: WorkerMessage): RunState {
  const update = (changes: Partial<Omit<RunState, 'points'>>) => derive(state, changes, pointLog(state));
  switch (message.kind) {
    case 'backend':
      return update({ backend: message.info, measuring: null });
    case 'measuring':
      return update({ measuring: message.backend });
    case 'error':
      // The curves so far stay; the message says what went wrong.
      return update({
        status: message.id === undefined ? 'failed' : state.status,
        error: `${message.error.name}: ${message.error.message}`,
      });
    case 'prediction':
    case 'exported':
    case 'loaded':
    case 'disposed':
      return state;
    case 'event': {
      const e = message.event;
      switch (e.type) {
        case 'prepared':
          return update({ prepared: e.tasks });
        case 'checkpoint':
          return update({ checkpoint: e.checkpoint });
        case 'state':
          return update({ status: e.state });
        case 'progress':
          // New points after a warning mean training went on: the warning is old news.
          return derive(
            state,
            {
              msPerStep: e.msPerStep,
              validationMsPerStep: e.validationMsPerStep ?? 0,
              epochs: e.epochs,
              tensors: e.tensors,
              warning: state.status === 'training' ? null : state.warning,
            },
            pointLog(state).append(e.points),
          );
        case 'validation':
          return update({ validations: [...state.validations, e.point] });
        case 'warning':
          return update({ warning: e.message });
        case 'diverged': {
          // A Step whose loss broke sent no point: it is no longer awaited.
          const last = pointLog(state).last()?.step ?? 0;
          return update({ warning: e.message, steppedAt: state.steppedAt.filter((s) => s <= last) });
        }
        case 'done':
          return update({ result: e.result, status: 'finished' });
      }
    }
  }
}

/** A Step was asked for and its point has not arrived yet. */
export function stepInFlight(state: RunState): boolean {
  return (state.steppedAt.at(-1) ?? 0) > (pointLog(state).last()?.step ?? 0);
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
    this.set(derive(IDLE, { status: 'preparing', validations }, PointLog.of(points)));
  }

  /** A new worker takes over from a checkpoint: curves stay, points after the checkpoint are dropped (they are redone). */
  continueFrom(checkpoint: Checkpoint): void {
    const state = this.state;
    this.set(
      derive(
        state,
        {
          status: 'preparing',
          error: null,
          warning: null,
          result: null,
          validations: state.validations.filter((v) => v.step <= checkpoint.step),
        },
        pointLog(state).filter((p) => p.step <= checkpoint.step),
      ),
    );
  }

  clear(): void {
    this.set(IDLE);
  }

  /** Step was pressed: the next step is one to show on its own. Paused, every point so far has arrived, so it is the last one's next. */
  markStep(): void {
    const state = this.state;
    const next = (pointLog(state).last()?.step ?? 0) + 1;
    if (state.steppedAt.at(-1) === next) return;
    this.set(derive(state, { steppedAt: [...state.steppedAt, next] }, pointLog(state)));
  }

  private set(next: RunState): void {
    this.state = next;
    for (const l of this.listeners) l();
  }
}
