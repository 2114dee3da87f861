import { useCallback, useMemo, useState } from 'react';
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
import { EXPERIMENT_FIELDS } from '../src/config/fields';
import { dataTaskOf } from './shared/tasks';
import { useAutorun } from './link/useAutorun';
import { LinkNotices } from './link/LinkNotices';
import { useSpaceToggle } from './run/useSpaceToggle';
import { whyNotTrain } from './run/whyNotTrain';
import { InterruptedRun } from './savedRuns/InterruptedRun';
import { useValidity } from './settings/useValidity';
import { useOverlays } from './savedRuns/useOverlays';

export function App() {
  const [initialLink] = useState(readInitialLink);
  const [form, setFormState] = useState<ExperimentForm>(initialLink.form);
  const link = useLink(initialLink, form, setFormState);
  const data = useDatasets(initialLink.offline ?? false);
  const { filesFor } = data;
  const [invalid, onValidity] = useValidity();
  const saved = useSavedRuns();
  const { runs } = saved;
  const { overlaid, overlays, toggle: toggleOverlay } = useOverlays(runs);
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

  const activeDataReady = activeTasks(form).every((t) => data.datasets[dataTaskOf(t.spec)]?.status === 'ready');
  useAutorun(initialLink.autorun, activeDataReady, train);
  const { pause, resume } = runner;
  useSpaceToggle({ status: run.status, canTrain: !busy && invalid.size === 0, pause, resume, train });

  // Kept as the same array while the names stay the same, so charts keyed on it skip training ticks.
  const tasksKey = (started ? activeTasks(started.form) : activeTasks(form)).map((t) => t.spec.name).join('\n');
  // Validated once per run, not on every render.
  const startedConfig = useMemo(() => (started ? toExperiment(started.form) : null), [started]);
  const currentTasks = useMemo(() => (tasksKey === '' ? [] : tasksKey.split('\n')), [tasksKey]);
  const current: RunCurves = useMemo(
    () => ({ id: 'current', name: 'current', tasks: currentTasks, points: run.points, validations: run.validations }),
    [run.points, run.validations, currentTasks],
  );
  const active = activeTasks(form);
  const whyNot = whyNotTrain(form, data.datasets, invalid.size);

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
        <LinkNotices notices={link.notices} onDismiss={link.dismissNotices} />
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
          validationSample={EXPERIMENT_FIELDS.validationSample.default}
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
          <InterruptedRun
            run={saved.unfinished}
            canContinue={Boolean(filesFor(saved.unfinished.form))}
            onContinue={continueInterrupted}
            onDiscard={() => saved.dropUnfinished(true)}
          />
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
            refresh={
              run.status === 'training' || run.status === 'validating'
                ? Math.floor(run.points.length / 25)
                : run.points.length
            }
          />
        )}
        {run.result && <ResultsTable result={run.result} />}
        {run.result && <LabelScores result={run.result} />}
        {run.result && started && startedConfig && (
          <Baselines key={started.id} result={run.result} config={startedConfig} files={filesFor(started.form)} />
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
            onToggle={toggleOverlay}
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
