import { useEffect, useMemo, useState } from 'react';
import type { Sharing } from '../src/config/experiment';
import { MtlWorkerClient } from '../src/worker/client';
import { BackendBadge } from './BackendBadge';
import { LossChart } from './LossChart';
import { ResultsTable } from './ResultsTable';
import { RunStore } from './runStore';
import { BUILT_IN_TASKS, sampleFiles } from './tasks';
import { useThrottledRun } from './useThrottled';

export function App() {
  const store = useMemo(() => new RunStore(), []);
  const run = useThrottledRun(store);
  const [client, setClient] = useState<MtlWorkerClient | null>(null);
  const [enabled, setEnabled] = useState<Record<string, boolean>>({ sentiment: true, ner: true, pos: true });
  const [weights, setWeights] = useState<Record<string, number>>({ sentiment: 1, ner: 1, pos: 1 });
  const [sharing, setSharing] = useState<Sharing>('hard');
  const [lambda, setLambda] = useState(0.01);
  const [steps, setSteps] = useState(200);

  useEffect(() => () => client?.terminate(), [client]);

  const active = BUILT_IN_TASKS.filter((t) => enabled[t.spec.name]);
  const running = run.status === 'training' || run.status === 'paused' || run.status === 'preparing' || run.status === 'evaluating';

  const train = () => {
    client?.terminate();
    const next = new MtlWorkerClient();
    next.subscribe((m) => store.apply(m));
    store.reset();
    next.start(
      {
        tasks: active.map((t) => t.spec),
        weights: Object.fromEntries(active.map((t) => [t.spec.name, weights[t.spec.name] ?? 1])),
        sharing,
        lambda,
        steps,
        embeddingDim: 32,
        hiddenSize: 32,
        encoderLayers: 1,
        batchSize: 16,
        maxLength: 32,
        emitEvery: 5,
        evalEvery: 50,
      },
      sampleFiles(),
    );
    setClient(next);
  };

  const setWeight = (name: string, value: number) => {
    const next = { ...weights, [name]: value };
    setWeights(next);
    if (running) client?.setWeights(Object.fromEntries(active.map((t) => [t.spec.name, next[t.spec.name] ?? 1])));
  };

  return (
    <main>
      <header>
        <h1>MTL Playground</h1>
        <BackendBadge backend={run.backend} />
      </header>
      <p className="note">Training on the built-in offline samples. Pick tasks, choose sharing, set the loss weights w<sub>i</sub> and press Train.</p>
      <section className="controls" aria-label="Experiment">
        <fieldset>
          <legend>Tasks and weights</legend>
          {BUILT_IN_TASKS.map((t) => {
            const on = enabled[t.spec.name] ?? false;
            const lastOn = on && active.length === 1;
            return (
              <div key={t.spec.name} className="task-row" style={{ borderColor: t.colour }}>
                <label>
                  <input type="checkbox" checked={on} disabled={running || lastOn} onChange={(e) => setEnabled({ ...enabled, [t.spec.name]: e.target.checked })} />
                  <span style={{ color: t.colour }}>{t.title}</span> <small>{t.dataset}</small>
                </label>
                {lastOn && <small className="hint">At least one task must stay on.</small>}
                <label>
                  w
                  <input type="number" min={0} max={10} step={0.01} value={weights[t.spec.name]} disabled={!on} aria-label={`${t.title} weight`}
                    onChange={(e) => {
                      const v = Number(e.target.value);
                      if (Number.isFinite(v) && v >= 0 && v <= 10) setWeight(t.spec.name, v);
                    }} />
                </label>
              </div>
            );
          })}
        </fieldset>
        <fieldset>
          <legend>Sharing</legend>
          <label><input type="radio" name="sharing" checked={sharing === 'hard'} disabled={running} onChange={() => setSharing('hard')} /> Hard (one shared encoder)</label>
          <label><input type="radio" name="sharing" checked={sharing === 'soft'} disabled={running} onChange={() => setSharing('soft')} /> Soft (an encoder per task, λ-penalty)</label>
          <label>λ <input type="number" min={0} step={0.001} value={lambda} disabled={running || sharing === 'hard'} onChange={(e) => setLambda(Math.max(0, Number(e.target.value) || 0))} /></label>
          <label>Steps <input type="number" min={1} max={100000} value={steps} disabled={running} onChange={(e) => setSteps(Math.max(1, Math.floor(Number(e.target.value) || 1)))} /></label>
        </fieldset>
        <div className="buttons">
          <button type="button" onClick={train} disabled={running}>Train</button>
          <button type="button" onClick={() => client?.pause()} disabled={run.status !== 'training'}>Pause</button>
          <button type="button" onClick={() => client?.resume()} disabled={run.status !== 'paused'}>Resume</button>
          <button type="button" onClick={() => client?.stop()} disabled={!running}>Stop</button>
        </div>
      </section>
      <p role="status" className="status">
        {run.status === 'idle' ? 'Ready.' : `${run.status} · step ${run.points.at(-1)?.step ?? 0} of ${steps}${run.msPerStep ? ` · ${run.msPerStep.toFixed(0)} ms/step` : ''}`}
      </p>
      {run.error && <p role="alert" className="error">{run.error}</p>}
      {run.warning && <p role="alert" className="warning">{run.warning}</p>}
      <LossChart points={run.points} tasks={active.map((t) => t.spec.name)} />
      {run.result && <ResultsTable result={run.result} />}
    </main>
  );
}
