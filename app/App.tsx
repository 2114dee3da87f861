import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ArchitecturePanel } from './settings/ArchitecturePanel';
import { ChartsPanel } from './charts/ChartsPanel';
import type { RunCurves } from './charts/chartSeries';
import { activeTasks, toExperiment, type ExperimentForm } from './settings/experimentForm';
import { encodeLink, type Hideable } from '../src/config/url';
import { LinkBar } from './link/LinkBar';
import { readInitialLink, useLink } from './link/useLink';
import { ModelFiles } from './model/ModelFiles';
import { ResultsTable } from './results/ResultsTable';
import { LabelScores } from './results/LabelScores';
import { RunControls, TrainedOn } from './run/RunControls';
import { StepByStep } from './run/StepByStep';
import { ObjectiveFormula } from './run/ObjectiveFormula';
import { PresentBar } from './present/PresentBar';
import { useLesson } from './lessons/useLesson';
import { presetOfStep } from './lessons/lessons';
import { LessonPanel } from './lessons/LessonPanel';
import { LessonComparison } from './lessons/LessonComparison';
import type { SavedRun } from './savedRuns/runArchive';
import { HeadlineResults } from './present/HeadlineResults';
import { stepInFlight } from './run/runStore';
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
  const [present, setPresent] = useState(initialLink.present === true);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const lesson = useLesson(initialLink.lesson);
  const link = useLink(initialLink, form, setFormState, { present, lesson: lesson.link });
  const data = useDatasets(initialLink.offline ?? false);
  const { filesFor, trainingDataFor } = data;
  const [invalid, onValidity] = useValidity();
  const saved = useSavedRuns();
  const { runs } = saved;
  const { overlaid, overlays, toggle: toggleOverlay } = useOverlays(runs);
  const [modelLoaded, setModelLoaded] = useState(false);
  const [highlight, setHighlight] = useState<string | null>(null);
  const {
    runner,
    run,
    busy,
    started,
    configError,
    train,
    trainWith,
    step,
    continueInterrupted,
    continueRun,
    reset,
    fineTune,
    changeLearningRate,
    changeWeights,
  } = useExperimentRun({ form, showForm: setFormState, filesFor, trainingDataFor, saved });
  const { place: lessonPlace, recordRun, goTo: lessonGoTo } = lesson;
  // A run started while the lesson is at a run step is that step's run (by Next, or by Train after Back).
  const lastStarted = useRef<string | null>(null);
  useEffect(() => {
    if (!started || started.id === lastStarted.current) return;
    lastStarted.current = started.id;
    if (lessonPlace && presetOfStep(lessonPlace.lesson, lessonPlace.step)) recordRun(lessonPlace.step, started.id);
  }, [started, lessonPlace, recordRun]);
  // A lesson link opened at a run step shows that run's settings.
  const openedAt = useRef(lessonPlace);
  useEffect(() => {
    const at = openedAt.current;
    const preset = at && presetOfStep(at.lesson, at.step);
    // The backend is this device's business, not the lesson's: a link's backend= is kept.
    if (preset) setFormState({ ...preset.form, backend: initialLink.form.backend });
  }, [initialLink]);
  const lessonMove = useCallback(
    (by: 1 | -1) => {
      if (!lessonPlace) return;
      const step = lessonPlace.step + by;
      lessonGoTo(lessonPlace.lesson, step);
      const preset = presetOfStep(lessonPlace.lesson, step);
      if (!preset) return;
      // Next starts the run; Back shows the earlier run's settings, ready to train again.
      const stepForm = { ...preset.form, backend: form.backend };
      if (by === 1) trainWith(stepForm);
      else setFormState(stepForm);
    },
    [lessonPlace, lessonGoTo, trainWith, form.backend],
  );
  const lessonRuns = useMemo(() => {
    const byStep: Record<number, SavedRun | undefined> = {};
    for (const [step, id] of Object.entries(lesson.runs)) byStep[Number(step)] = runs.find((r) => r.id === id);
    return byStep;
  }, [lesson.runs, runs]);
  // In a lesson, the other steps' runs are drawn behind the current one.
  const lessonOverlays = useMemo(
    () =>
      lessonPlace
        ? Object.values(lessonRuns).filter(
            (r): r is SavedRun => r !== undefined && r.id !== started?.id && !overlaid.has(r.id),
          )
        : [],
    [lessonPlace, lessonRuns, started, overlaid],
  );
  const allOverlays = useMemo(() => [...overlays, ...lessonOverlays], [overlays, lessonOverlays]);
  const atComparison = lessonPlace !== null && presetOfStep(lessonPlace.lesson, lessonPlace.step) === null;
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
    <div className={present ? 'page present' : 'page'}>
      <header className="top">
        <h1>MTL Playground</h1>
        <button
          type="button"
          className="present-toggle"
          aria-pressed={present}
          onClick={() => {
            setPresent((p) => !p);
            setSettingsOpen(false);
          }}
          title="Present: settings folded, the run and its three charts on one screen, in large type"
        >
          Present
        </button>
        {present && (
          <PresentBar form={form} settingsOpen={settingsOpen} onToggleSettings={() => setSettingsOpen((o) => !o)} />
        )}
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
        {lessonPlace && (
          <LessonPanel
            place={lessonPlace}
            busy={busy}
            onBack={() => lessonMove(-1)}
            onNext={() => lessonMove(1)}
            onExit={lesson.exit}
          />
        )}
        <LinkNotices
          notices={lesson.notice ? [...link.notices, lesson.notice] : link.notices}
          onDismiss={() => {
            link.dismissNotices();
            lesson.dismissNotice();
          }}
        />
      </header>
      <aside
        className={present ? 'side drawer' : 'side'}
        id="settings"
        aria-label="Settings"
        hidden={present && !settingsOpen}
      >
        {present && (
          <button type="button" className="drawer-close" onClick={() => setSettingsOpen(false)}>
            Close settings
          </button>
        )}
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
            stopReading={data.stopReading}
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
          onStep={step}
          stepping={stepInFlight(run)}
          onStop={runner.stop}
          onReset={reset}
          continueBackend={form.backend}
          onContinue={continueRun}
        />
        <TrainedOn run={run} />
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
        {present && run.result && <HeadlineResults result={run.result} />}
        <ObjectiveFormula
          point={run.points.at(-1)}
          tasks={current.tasks}
          lambda={(started?.form ?? form).sharing === 'soft' ? (started?.form ?? form).lambda : null}
          onHighlight={setHighlight}
        />
        <StepByStep points={run.points} steppedAt={run.steppedAt} tasks={current.tasks} />
        {atComparison && lessonPlace && <LessonComparison lesson={lessonPlace.lesson} runs={lessonRuns} />}
        {!hidden('charts') && <ChartsPanel current={current} overlays={allOverlays} highlight={highlight} />}
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
              key={started?.id ?? 'none'}
              trainingData={started?.trainingData ?? null}
              experiment={
                startedConfig && started
                  ? {
                      experiment: startedConfig,
                      link: `?${encodeLink({ form: started.form, autorun: false, hide: [], preset: null })}`,
                    }
                  : null
              }
            />
          </>
        )}
      </main>
    </div>
  );
}
