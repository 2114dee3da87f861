import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ArchitecturePanel } from './settings/ArchitecturePanel';
import { ChartsPanel } from './charts/ChartsPanel';
import type { RunCurves } from './charts/chartSeries';
import { activeTasks, toExperiment, type ExperimentForm } from './settings/experimentForm';
import type { Hideable } from '../src/config/url';
import { LinkBar } from './link/LinkBar';
import { readInitialLink, useLink } from './link/useLink';
import { ModelFiles } from './model/ModelFiles';
import { ResultsTable } from './results/ResultsTable';
import { LabelScores } from './results/LabelScores';
import { RunControls } from './run/RunControls';
import { RunsList } from './savedRuns/RunsList';
import { TaskPanel } from './settings/TaskPanel';
import { TryIt } from './model/TryIt';
import { useExperimentRun } from './run/useExperimentRun';
import { useSavedRuns } from './savedRuns/useSavedRuns';
import { SharedSentencesNote } from './data/SharedSentencesNote';
import { useDatasets } from './data/useDatasets';
import { DataDrop } from './data/DataDrop';
import { WeightingPanel } from './settings/WeightingPanel';
import { InteractionCharts } from './charts/InteractionCharts';
import { Baselines } from './results/Baselines';
import type { TaskSpec } from '../src/config/experiment';
import { dataTaskOf } from './shared/tasks';

const isTextField = (el: EventTarget | null) =>
  el instanceof HTMLElement &&
  (el.isContentEditable ||
    el.tagName === 'TEXTAREA' ||
    el.tagName === 'SELECT' ||
    (el.tagName === 'INPUT' &&
      !['checkbox', 'radio', 'range', 'button', 'submit'].includes((el as HTMLInputElement).type)));

export function App() {
  const [initialLink] = useState(readInitialLink);
  const [form, setFormState] = useState<ExperimentForm>(initialLink.form);
  const link = useLink(initialLink, form, setFormState);
  const data = useDatasets(initialLink.offline ?? false);
  const { filesFor } = data;
  const [invalid, setInvalid] = useState<ReadonlySet<string>>(new Set());
  const saved = useSavedRuns();
  const { runs } = saved;
  const [overlaid, setOverlaid] = useState<ReadonlySet<string>>(new Set());
  const [modelLoaded, setModelLoaded] = useState(false);
  const {
    runner,
    run,
    busy,
    started,
    configError,
    train,
    continueInterrupted,
    continueRun,
    reset,
    fineTune,
    changeLearningRate,
    changeWeights,
  } = useExperimentRun({ form, showForm: setFormState, filesFor, saved });
  const { clearPreset } = link;
  // A change by hand means the page no longer shows the preset as sent.
  const setForm = useCallback(
    (f: ExperimentForm) => {
      setFormState(f);
      clearPreset();
    },
    [clearPreset],
  );
  const hidden = (part: Hideable) => link.hide.includes(part);

  const onValidity = useCallback((key: string, valid: boolean) => {
    setInvalid((prev) => {
      if (valid === !prev.has(key)) return prev;
      const next = new Set(prev);
      if (valid) next.delete(key);
      else next.add(key);
      return next;
    });
  }, []);

  const onTaskAdded = useCallback(
    (spec: TaskSpec) => {
      const name = spec.name;
      setForm({
        ...form,
        enabled: { ...form.enabled, [name]: true },
        weights: { ...form.weights, [name]: 1 },
        maxTrain: { ...form.maxTrain, [name]: null },
      });
    },
    [form, setForm],
  );

  const onSettings = useCallback(
    (next: ExperimentForm) => {
      changeLearningRate(next.learningRate);
      setForm(next);
    },
    [changeLearningRate, setForm],
  );

  const onWeights = useCallback(
    (weights: Readonly<Record<string, number>>) => {
      const next = { ...form, weights };
      setFormState(next);
      changeWeights(weights, next);
    },
    [form, changeWeights],
  );

  // autorun=1 starts training once the page is up and the tasks' data is loaded.
  // A timer, not only a flag: React's development double mount cancels the
  // first one, so exactly one run starts.
  const trainRef = useRef(train);
  useEffect(() => {
    trainRef.current = train;
  }, [train]);
  const autorunPending = useRef(initialLink.autorun);
  const activeDataReady = activeTasks(form).every((t) => data.datasets[dataTaskOf(t.spec)]?.status === 'ready');
  useEffect(() => {
    if (!autorunPending.current || !activeDataReady) return;
    const timer = setTimeout(() => {
      autorunPending.current = false;
      trainRef.current();
    }, 0);
    return () => clearTimeout(timer);
  }, [activeDataReady]);

  // Space toggles play/pause (or starts a run) unless focus is in a text field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.code !== 'Space' || e.repeat || isTextField(e.target) || e.target instanceof HTMLButtonElement) return;
      e.preventDefault();
      if (run.status === 'training') runner.pause();
      else if (run.status === 'paused') runner.resume();
      else if (!busy && invalid.size === 0) train();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [run.status, busy, invalid, runner, train]);

  // Kept as the same array while the names stay the same, so charts keyed on it skip training ticks.
  const tasksKey = (started ? activeTasks(started.form) : activeTasks(form)).map((t) => t.spec.name).join('\n');
  const currentTasks = useMemo(() => (tasksKey === '' ? [] : tasksKey.split('\n')), [tasksKey]);
  const current: RunCurves = useMemo(
    () => ({ id: 'current', name: 'current', tasks: currentTasks, points: run.points, validations: run.validations }),
    [run.points, run.validations, currentTasks],
  );
  const overlays = useMemo(() => runs.filter((r) => overlaid.has(r.id)), [runs, overlaid]);
  const active = activeTasks(form);
  const loading = active
    .filter((t) => t.spec.languageModelOf === undefined && data.datasets[t.spec.name]?.status !== 'ready')
    .map((t) => t.title);
  const whyNot =
    active.length === 0
      ? 'Switch at least one task on.'
      : loading.length > 0
        ? `Loading the data of ${loading.join(', ')}…`
        : invalid.size > 0
          ? 'Fix the highlighted settings first.'
          : active.every((t) => (form.weights[t.spec.name] ?? 0) === 0)
            ? 'At least one task needs a weight above 0.'
            : null;

  return (
    <div className="page">
      <header className="top">
        <h1>MTL Playground</h1>
        <p className="note">
          Multi-task learning in your browser, on real corpora (SST-2, Universal NER and UD English-EWT) or your own
          files. Choose tasks, sharing and the loss weights w<sub>i</sub> of J = Σ w<sub>i</sub>·J<sub>i</sub>, then
          Train.
        </p>
        <LinkBar
          preset={link.preset}
          fileTasks={activeTasks(form)
            .filter((t) => t.fromFile)
            .map((t) => t.title)}
        />
        {link.notices.length > 0 && (
          <div role="alert" className="warning notices">
            <p>Part of this link could not be used; defaults apply there:</p>
            <ul>
              {link.notices.map((n, i) => (
                <li key={i}>{n}</li>
              ))}
            </ul>
            <button type="button" onClick={link.dismissNotices}>
              Dismiss
            </button>
          </div>
        )}
      </header>
      <aside className="side">
        {!hidden('tasks') && (
          <TaskPanel
            form={form}
            datasets={data.datasets}
            locked={busy}
            hideWeights={hidden('weights')}
            onChange={setForm}
            onWeights={onWeights}
            onValidity={onValidity}
          />
        )}
        {!hidden('tasks') && <SharedSentencesNote form={form} shared={data.shared} locked={busy} onChange={setForm} />}
        {!hidden('tasks') && (
          <DataDrop
            locked={busy}
            seed={form.seed}
            readFile={data.readUserFile}
            addTask={data.addUserTask}
            onAdded={onTaskAdded}
          />
        )}
        {!hidden('weights') && <WeightingPanel form={form} locked={busy} onChange={setForm} onValidity={onValidity} />}
        <ArchitecturePanel
          form={form}
          locked={busy}
          hideSharing={hidden('architecture')}
          hideModel={hidden('model')}
          learningRateEditable={run.status === 'paused'}
          onChange={onSettings}
          onValidity={onValidity}
        />
      </aside>
      <main className="main">
        <RunControls
          run={run}
          totalSteps={started?.form.steps ?? form.steps}
          examplesPerStep={(started?.form.batchSize ?? form.batchSize) * active.length}
          canTrain={whyNot === null}
          whyNot={whyNot}
          onTrain={train}
          onPause={runner.pause}
          onResume={runner.resume}
          onStop={runner.stop}
          onReset={reset}
          continueBackend={form.backend}
          onContinue={continueRun}
        />
        {saved.unfinished && run.status === 'idle' && (
          <div role="alert" className="warning recover">
            <p>
              The run “{saved.unfinished.name}” was interrupted at step {saved.unfinished.checkpoint.step} when this
              page was last open; its curves and weights were kept.
            </p>
            <button
              type="button"
              className="primary"
              onClick={continueInterrupted}
              disabled={!filesFor(saved.unfinished.form)}
            >
              Continue the interrupted run from step {saved.unfinished.checkpoint.step}
            </button>{' '}
            <button type="button" onClick={() => saved.dropUnfinished(true)}>
              Discard it
            </button>
          </div>
        )}
        {configError && (
          <p role="alert" className="error">
            {configError}
          </p>
        )}
        {run.error && (
          <p role="alert" className="error">
            {run.error}
          </p>
        )}
        {run.warning && (
          <p role="alert" className="warning">
            {run.warning}
          </p>
        )}
        {!hidden('charts') && <ChartsPanel current={current} overlays={overlays} />}
        {!hidden('charts') && (
          <InteractionCharts
            points={run.points}
            tasks={current.tasks}
            refresh={run.status === 'training' ? Math.floor(run.points.length / 25) : run.points.length}
          />
        )}
        {run.result && <ResultsTable result={run.result} />}
        {run.result && <LabelScores result={run.result} />}
        {run.result && started && (
          <Baselines
            key={started.id}
            result={run.result}
            config={toExperiment(started.form)}
            files={filesFor(started.form)}
          />
        )}
        {!hidden('runs') && (
          <RunsList
            runs={runs}
            overlaid={overlaid}
            storageProblem={saved.storageProblem}
            busy={busy}
            onFineTune={fineTune}
            onRename={saved.rename}
            onDelete={saved.remove}
            onImport={(r) => saved.put(r, 'The imported run')}
            onToggle={(id) =>
              setOverlaid((prev) => {
                const next = new Set(prev);
                if (next.has(id)) next.delete(id);
                else next.add(id);
                return next;
              })
            }
          />
        )}
        {!hidden('tryit') && (
          <>
            <TryIt
              canPredict={modelLoaded || (run.status !== 'idle' && run.status !== 'preparing' && run.points.length > 0)}
              predict={runner.predict}
            />
            <ModelFiles
              canExport={run.status === 'finished' && run.result !== null}
              exportModel={runner.exportModel}
              loadModel={runner.loadModel}
              onLoaded={() => setModelLoaded(true)}
            />
          </>
        )}
      </main>
    </div>
  );
}
