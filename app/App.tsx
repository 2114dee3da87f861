import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ArchitecturePanel } from './ArchitecturePanel';
import { ChartsPanel } from './ChartsPanel';
import type { RunCurves } from './chartSeries';
import { activeTasks, toExperiment, type ExperimentForm } from './experimentForm';
import type { Hideable } from '../src/config/url';
import { LinkBar } from './LinkBar';
import { readInitialLink, useLink } from './useLink';
import { ModelFiles } from './ModelFiles';
import { ResultsTable } from './ResultsTable';
import { LabelScores } from './LabelScores';
import { isBusy, RunControls } from './RunControls';
import { RunsList } from './RunsList';
import { TaskPanel } from './TaskPanel';
import { TryIt } from './TryIt';
import { useRunner } from './useRunner';
import { useSavedRuns } from './useSavedRuns';
import { SharedSentencesNote } from './SharedSentencesNote';
import { useDatasets } from './useDatasets';
import { DataDrop } from './DataDrop';
import { WeightingPanel } from './WeightingPanel';
import { InteractionCharts } from './InteractionCharts';
import { Baselines } from './Baselines';
import type { TaskSpec } from '../src/config/experiment';
import { useThrottledRun } from './useThrottled';
import type { FineTune } from '../src/train/events';
import type { SavedRun } from './runArchive';
import { allTasks, dataTaskOf, taskInfo } from './tasks';

const isTextField = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.isContentEditable || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || (el.tagName === 'INPUT' && !['checkbox', 'radio', 'range', 'button', 'submit'].includes((el as HTMLInputElement).type)));

function describe(form: ExperimentForm, n: number): string {
  const tasks = activeTasks(form).map((t) => t.title).join('+');
  const sharing = form.sharing === 'crossstitch' ? 'cross-stitch' : form.sharing;
  return `#${n} ${tasks} · ${sharing}${form.sharing === 'soft' ? ` λ=${form.lambda}` : ''}${form.sharing === 'hard' && form.sharedLayers > 0 && form.sharedLayers < form.encoderLayers ? ` (${form.sharedLayers} of ${form.encoderLayers} layers)` : ''} · seed ${form.seed}`;
}

export function App() {
  const runner = useRunner();
  const run = useThrottledRun(runner.store);
  const [initialLink] = useState(readInitialLink);
  const [form, setFormState] = useState<ExperimentForm>(initialLink.form);
  const link = useLink(initialLink, form, setFormState);
  const data = useDatasets(initialLink.offline ?? false);
  const { filesFor } = data;
  const [invalid, setInvalid] = useState<ReadonlySet<string>>(new Set());
  const saved = useSavedRuns();
  const { runs } = saved;
  const [overlaid, setOverlaid] = useState<ReadonlySet<string>>(new Set());
  const [configError, setConfigError] = useState<string | null>(null);
  const [modelLoaded, setModelLoaded] = useState(false);
  const started = useRef<{ form: ExperimentForm; label: string; id: string; fineTune?: FineTune } | null>(null);
  const busy = isBusy(run.status);
  const { clearPreset } = link;
  // A change by hand means the page no longer shows the preset as sent.
  const setForm = useCallback((f: ExperimentForm) => {
    setFormState(f);
    clearPreset();
  }, [clearPreset]);
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

  /** Checks a form, starts the worker on it and remembers what was started; a problem is shown on the page, not thrown. */
  const startRun = useCallback((runForm: ExperimentForm, label: string, stillLoading: string, fineTune?: FineTune): boolean => {
    setConfigError(null);
    try {
      const config = toExperiment(runForm);
      const files = filesFor(runForm);
      if (!files) throw new Error(stillLoading);
      started.current = { form: runForm, label, id: `run-${Date.now()}`, ...(fineTune ? { fineTune } : {}) };
      runner.start(config, files, fineTune);
      return true;
    } catch (err) {
      setConfigError(err instanceof Error ? err.message : String(err));
      return false;
    }
  }, [filesFor, runner]);

  const train = useCallback(() => {
    startRun(form, describe(form, runs.length + 1), 'The datasets are still loading: Train again in a moment.');
  }, [form, runs.length, startRun]);

  // Keep each finished run once, for the runs list and overlays (a deleted one stays deleted).
  const savedIds = useRef(new Set<string>());
  useEffect(() => {
    const s = started.current;
    if (!s || !run.result || savedIds.current.has(s.id)) return;
    savedIds.current.add(s.id);
    saved.put({ id: s.id, name: s.label, createdAt: new Date().toISOString(), form: s.form, tasks: activeTasks(s.form).map((t) => t.spec.name), points: run.points, validations: run.validations, result: run.result, backend: run.backend, ...(run.checkpoint ? { checkpoint: run.checkpoint } : {}) });
    saved.dropUnfinished(true);
  }, [run, saved]);

  // Every checkpoint of a run in progress is also kept in the browser, so closing the tab loses at most the steps since.
  const { keepUnfinished } = saved;
  useEffect(() => {
    const s = started.current;
    if (!s || !run.checkpoint || run.result) return;
    void keepUnfinished({ id: s.id, name: s.label, savedAt: new Date().toISOString(), form: s.form, points: run.points, validations: run.validations, backend: run.backend, checkpoint: run.checkpoint, ...(s.fineTune ? { fineTune: s.fineTune } : {}) });
    // Only a new checkpoint is worth a write; the curves up to it come along.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [run.checkpoint, keepUnfinished]);

  const continueInterrupted = useCallback(() => {
    const u = saved.unfinished;
    if (!u) return;
    const files = filesFor(u.form);
    if (!files) {
      setConfigError('The datasets of that run are still loading (or came from a file that is not loaded): try again in a moment.');
      return;
    }
    let config;
    try {
      config = toExperiment(u.form);
    } catch (err) {
      setConfigError(err instanceof Error ? err.message : String(err));
      return;
    }
    setFormState(u.form);
    started.current = { form: u.form, label: u.name, id: u.id, ...(u.fineTune ? { fineTune: u.fineTune } : {}) };
    runner.resumeInterrupted(config, files, u);
    saved.dropUnfinished(false);
  }, [saved, runner, filesFor]);

  // Pre-train then fine-tune: a new run on one task, from a saved run's shared encoder and vocabulary.
  const fineTune = useCallback((from: SavedRun, task: string, freeze: boolean) => {
    const checkpoint = from.checkpoint;
    if (!checkpoint) return;
    const tuned: ExperimentForm = {
      ...from.form,
      enabled: Object.fromEntries(allTasks().map((t) => [t.spec.name, t.spec.name === task])),
      weights: { ...from.form.weights, [task]: 1 },
      maxTrain: { ...from.form.maxTrain, [task]: form.maxTrain[task] ?? null },
      weighting: 'manual',
      schedule: 'all',
      readLayer: {},
      sameSentences: false,
    };
    const label = `#${runs.length + 1} ${taskInfo(task).title} fine-tuned from “${from.name}” (encoder ${freeze ? 'frozen' : 'trainable'})`;
    if (startRun(tuned, label, `The data of ${taskInfo(task).title} is still loading: try again in a moment.`, { from: checkpoint, freeze })) setFormState(tuned);
  }, [form.maxTrain, runs.length, startRun]);

  const onTaskAdded = useCallback((spec: TaskSpec) => {
    const name = spec.name;
    setForm({ ...form, enabled: { ...form.enabled, [name]: true }, weights: { ...form.weights, [name]: 1 }, maxTrain: { ...form.maxTrain, [name]: null } });
  }, [form, setForm]);

  // While paused, a new learning rate goes to the worker at once (Adam restarts with it).
  const onSettings = useCallback(
    (next: ExperimentForm) => {
      const s = started.current;
      if (run.status === 'paused' && s && next.learningRate !== s.form.learningRate) {
        runner.setLearningRate(next.learningRate);
        started.current = { ...s, form: { ...s.form, learningRate: next.learningRate } };
      }
      setForm(next);
    },
    [run.status, runner, setForm],
  );

  const onWeights = useCallback(
    (weights: Readonly<Record<string, number>>) => {
      const next = { ...form, weights };
      setFormState(next);
      const active = activeTasks(next).map((t) => t.spec.name);
      if (busy && started.current && active.some((n) => (weights[n] ?? 0) > 0)) {
        runner.setWeights(Object.fromEntries(activeTasks(started.current.form).map((t) => [t.spec.name, weights[t.spec.name] ?? 1])));
      }
    },
    [form, busy, runner],
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
  const tasksKey = (started.current ? activeTasks(started.current.form) : activeTasks(form)).map((t) => t.spec.name).join('\n');
  const currentTasks = useMemo(() => (tasksKey === '' ? [] : tasksKey.split('\n')), [tasksKey]);
  const current: RunCurves = useMemo(
    () => ({ id: 'current', name: 'current', tasks: currentTasks, points: run.points, validations: run.validations }),
    [run.points, run.validations, currentTasks],
  );
  const overlays = useMemo(() => runs.filter((r) => overlaid.has(r.id)), [runs, overlaid]);
  const active = activeTasks(form);
  const loading = active.filter((t) => t.spec.languageModelOf === undefined && data.datasets[t.spec.name]?.status !== 'ready').map((t) => t.title);
  const whyNot = active.length === 0 ? 'Switch at least one task on.'
    : loading.length > 0 ? `Loading the data of ${loading.join(', ')}…` : invalid.size > 0 ? 'Fix the highlighted settings first.' : active.every((t) => (form.weights[t.spec.name] ?? 0) === 0) ? 'At least one task needs a weight above 0.' : null;

  return (
    <div className="page">
      <header className="top">
        <h1>MTL Playground</h1>
        <p className="note">Multi-task learning in your browser, on real corpora (SST-2, Universal NER and UD English-EWT) or your own files. Choose tasks, sharing and the loss weights w<sub>i</sub> of J = Σ w<sub>i</sub>·J<sub>i</sub>, then Train.</p>
        <LinkBar preset={link.preset} fileTasks={activeTasks(form).filter((t) => t.fromFile).map((t) => t.title)} />
        {link.notices.length > 0 && (
          <div role="alert" className="warning notices">
            <p>Part of this link could not be used; defaults apply there:</p>
            <ul>{link.notices.map((n, i) => <li key={i}>{n}</li>)}</ul>
            <button type="button" onClick={link.dismissNotices}>Dismiss</button>
          </div>
        )}
      </header>
      <aside className="side">
        {!hidden('tasks') && <TaskPanel form={form} datasets={data.datasets} locked={busy} hideWeights={hidden('weights')} onChange={setForm} onWeights={onWeights} onValidity={onValidity} />}
        {!hidden('tasks') && <SharedSentencesNote form={form} shared={data.shared} locked={busy} onChange={setForm} />}
        {!hidden('tasks') && <DataDrop locked={busy} seed={form.seed} readFile={data.readUserFile} addTask={data.addUserTask} onAdded={onTaskAdded} />}
        {!hidden('weights') && <WeightingPanel form={form} locked={busy} onChange={setForm} onValidity={onValidity} />}
        <ArchitecturePanel form={form} locked={busy} hideSharing={hidden('architecture')} hideModel={hidden('model')}
          learningRateEditable={run.status === 'paused'} onChange={onSettings} onValidity={onValidity} />
      </aside>
      <main className="main">
        <RunControls run={run} totalSteps={started.current?.form.steps ?? form.steps} examplesPerStep={(started.current?.form.batchSize ?? form.batchSize) * active.length}
          canTrain={whyNot === null} whyNot={whyNot} onTrain={train} onPause={runner.pause} onResume={runner.resume} onStop={runner.stop}
          onReset={() => { runner.reset(); started.current = null; saved.dropUnfinished(true); }}
          continueBackend={form.backend} onContinue={() => {
            const s = started.current;
            const files = s && filesFor(s.form);
            if (s && files && run.checkpoint) runner.continueFrom(toExperiment({ ...s.form, backend: form.backend }), files, run.checkpoint, s.fineTune);
          }} />
        {saved.unfinished && run.status === 'idle' && (
          <div role="alert" className="warning recover">
            <p>The run “{saved.unfinished.name}” was interrupted at step {saved.unfinished.checkpoint.step} when this page was last open; its curves and weights were kept.</p>
            <button type="button" className="primary" onClick={continueInterrupted} disabled={!filesFor(saved.unfinished.form)}>
              Continue the interrupted run from step {saved.unfinished.checkpoint.step}
            </button>{' '}
            <button type="button" onClick={() => saved.dropUnfinished(true)}>Discard it</button>
          </div>
        )}
        {configError && <p role="alert" className="error">{configError}</p>}
        {run.error && <p role="alert" className="error">{run.error}</p>}
        {run.warning && <p role="alert" className="warning">{run.warning}</p>}
        {!hidden('charts') && <ChartsPanel current={current} overlays={overlays} />}
        {!hidden('charts') && <InteractionCharts points={run.points} tasks={current.tasks} refresh={run.status === 'training' ? Math.floor(run.points.length / 25) : run.points.length} />}
        {run.result && <ResultsTable result={run.result} />}
        {run.result && <LabelScores result={run.result} />}
        {run.result && started.current && (
          <Baselines key={started.current.id} result={run.result} config={toExperiment(started.current.form)}
            files={filesFor(started.current.form)} />
        )}
        {!hidden('runs') && <RunsList runs={runs} overlaid={overlaid} storageProblem={saved.storageProblem} busy={busy} onFineTune={fineTune} onRename={saved.rename} onDelete={saved.remove} onImport={(r) => saved.put(r, 'The imported run')} onToggle={(id) => setOverlaid((prev) => {
          const next = new Set(prev);
          if (next.has(id)) next.delete(id);
          else next.add(id);
          return next;
        })} />}
        {!hidden('tryit') && (
          <>
            <TryIt canPredict={modelLoaded || (run.status !== 'idle' && run.status !== 'preparing' && run.points.length > 0)} predict={runner.predict} />
            <ModelFiles canExport={run.status === 'finished' && run.result !== null} exportModel={runner.exportModel} loadModel={runner.loadModel} onLoaded={() => setModelLoaded(true)} />
          </>
        )}
      </main>
    </div>
  );
}
