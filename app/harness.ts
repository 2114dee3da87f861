import type { TaskFiles } from '../src/data/prepare';
import type { BackendInfo, RunResult, TrainingEvent } from '../src/train/events';
import { MtlWorkerClient } from '../src/worker/client';
import { sampleFiles } from './tasks';
import type { WireError } from '../src/worker/protocol';

/** What one headless run returns: everything the worker said, in order. */
export interface HarnessRun {
  backend: BackendInfo | null;
  events: TrainingEvent[];
  errors: WireError[];
  result: RunResult | null;
  wallSeconds: number;
  firstLossMs: number | null;
}

export interface MtlHarness {
  sampleFiles(): Record<string, TaskFiles>;
  run(config: unknown, files: Record<string, TaskFiles>, onEvent?: (event: TrainingEvent) => void): Promise<HarnessRun>;
}

declare global {
  interface Window {
    mtlHarness: MtlHarness;
  }
}

/** Runs one experiment in a fresh worker; resolves when it is done or has failed. */
function run(config: unknown, files: Record<string, TaskFiles>, onEvent?: (event: TrainingEvent) => void): Promise<HarnessRun> {
  const client = new MtlWorkerClient();
  const out: HarnessRun = { backend: null, events: [], errors: [], result: null, wallSeconds: 0, firstLossMs: null };
  const started = performance.now();
  return new Promise((resolve) => {
    const finish = () => {
      out.wallSeconds = (performance.now() - started) / 1000;
      client.terminate();
      resolve(out);
    };
    client.subscribe((message) => {
      switch (message.kind) {
        case 'backend':
          out.backend = message.info;
          return;
        case 'event':
          // Checkpoints carry all weights: keep them out of what scripts receive.
          if (message.event.type === 'checkpoint') return;
          out.events.push(message.event);
          onEvent?.(message.event);
          if (message.event.type === 'progress' && out.firstLossMs === null) out.firstLossMs = performance.now() - started;
          // Headless runs have nobody to lower the learning rate: end the run (best weights are kept).
          if (message.event.type === 'diverged') client.stop();
          if (message.event.type === 'done') {
            out.result = message.event.result;
            finish();
          }
          return;
        case 'error':
          out.errors.push(message.error);
          finish();
          return;
        case 'prediction':
        case 'exported':
        case 'loaded':
        case 'disposed':
          return;
      }
    });
    client.start(config, files);
  });
}

window.mtlHarness = { sampleFiles, run };
