import { useCallback, useEffect, useRef, useState } from 'react';
import type { TaskFiles } from '../../src/data/prepare';
import type { Checkpoint, FineTune, RunResult } from '../../src/train/events';
import { activeTasks, toExperiment, type ExperimentForm } from '../settings/experimentForm';
import type { SavedRun } from '../savedRuns/runArchive';
import { isBusy } from './RunControls';
import { allTasks, taskInfo } from '../shared/tasks';
import { useRunner } from './useRunner';
import type { useSavedRuns } from '../savedRuns/useSavedRuns';
import { useThrottledRun } from './useThrottled';
import type { RunTaskData } from '../model/pytorchZip';

/** The run the worker is on: the form it was started from, its name in the runs list, and what it was fine-tuned from. */
export interface StartedRun {
  readonly form: ExperimentForm;
  readonly label: string;
  readonly id: string;
  readonly fineTune?: FineTune;
  /** What each task trained on, taken when the run started (the PyTorch export's data). */
  readonly trainingData?: Readonly<Record<string, RunTaskData>> | null;
}

interface Options {
  readonly form: ExperimentForm;
  /** Sets the form without clearing the preset (the run's own form is shown again). */
  readonly showForm: (form: ExperimentForm) => void;
  readonly filesFor: (form: ExperimentForm) => Readonly<Record<string, TaskFiles>> | null;
  readonly trainingDataFor: (form: ExperimentForm) => Readonly<Record<string, RunTaskData>> | null;
  readonly saved: ReturnType<typeof useSavedRuns>;
}

/** A run's name in the runs list: its number, tasks, sharing and seed. */
export function describeRun(form: ExperimentForm, n: number): string {
  const tasks = activeTasks(form)
    .map((t) => t.title)
    .join('+');
  const sharing = form.sharing === 'crossstitch' ? 'cross-stitch' : form.sharing;
  const lambda = form.sharing === 'soft' ? ` λ=${form.lambda}` : '';
  const layers =
    form.sharing === 'hard' && form.sharedLayers > 0 && form.sharedLayers < form.encoderLayers
      ? ` (${form.sharedLayers} of ${form.encoderLayers} layers)`
      : '';
  return `#${n} ${tasks} · ${sharing}${lambda}${layers} · seed ${form.seed}`;
}

const messageOf = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Starting, continuing, fine-tuning and saving runs. The run in progress is
 * state; a finished run is saved once, and each checkpoint of a run in
 * progress is kept in the browser, so closing the tab loses at most the steps
 * since.
 */
export function useExperimentRun({ form, showForm, filesFor, trainingDataFor, saved }: Options) {
  const runner = useRunner();
  const run = useThrottledRun(runner.store);
  const [started, setStarted] = useState<StartedRun | null>(null);
  const [configError, setConfigError] = useState<string | null>(null);
  const busy = isBusy(run.status);
  const runCount = saved.runs.length;

  /** Checks a form, starts the worker on it and remembers what was started; a problem is shown on the page, not thrown. */
  const startRun = useCallback(
    (runForm: ExperimentForm, label: string, stillLoading: string, fineTune?: FineTune, stepOnce = false): boolean => {
      setConfigError(null);
      try {
        const config = toExperiment(runForm);
        const files = filesFor(runForm);
        if (!files) throw new Error(stillLoading);
        setStarted({
          form: runForm,
          label,
          id: `run-${Date.now()}`,
          ...(fineTune ? { fineTune } : {}),
          trainingData: trainingDataFor(runForm),
        });
        runner.start(config, files, fineTune, stepOnce);
        return true;
      } catch (err) {
        setConfigError(messageOf(err));
        return false;
      }
    },
    [filesFor, trainingDataFor, runner],
  );

  const train = useCallback(() => {
    startRun(form, describeRun(form, runCount + 1), 'The datasets are still loading: Train again in a moment.');
  }, [form, runCount, startRun]);

  /** A new run of this form (a lesson's next preset), shown in the settings as it starts. */
  const trainWith = useCallback(
    (runForm: ExperimentForm) => {
      showForm(runForm);
      return startRun(
        runForm,
        describeRun(runForm, runCount + 1),
        'The datasets are still loading: press Train in a moment.',
      );
    },
    [showForm, runCount, startRun],
  );

  /** One training step: the first of a new run (then paused), or the next one of a paused run. */
  const step = useCallback(() => {
    if (run.status === 'paused') runner.step();
    else if (!busy)
      startRun(
        form,
        describeRun(form, runCount + 1),
        'The datasets are still loading: Step again in a moment.',
        undefined,
        true,
      );
  }, [run.status, busy, runner, form, runCount, startRun]);

  // Each result and checkpoint is written once, by identity: the throttled
  // run state may still show the last run's for a moment after a new start.
  const savedResults = useRef(new WeakSet<RunResult>());
  const keptCheckpoints = useRef(new WeakSet<Checkpoint>());
  const { finish, keepUnfinished, dropUnfinished } = saved;
  useEffect(() => {
    if (!started || !run.result || savedResults.current.has(run.result)) return;
    savedResults.current.add(run.result);
    finish({
      id: started.id,
      name: started.label,
      createdAt: new Date().toISOString(),
      form: started.form,
      tasks: activeTasks(started.form).map((t) => t.spec.name),
      points: run.points,
      validations: run.validations,
      result: run.result,
      backend: run.backend,
      ...(run.checkpoint ? { checkpoint: run.checkpoint } : {}),
    });
  }, [run, started, finish]);

  useEffect(() => {
    if (!started || !run.checkpoint || run.result || keptCheckpoints.current.has(run.checkpoint)) return;
    keptCheckpoints.current.add(run.checkpoint);
    void keepUnfinished({
      id: started.id,
      name: started.label,
      savedAt: new Date().toISOString(),
      form: started.form,
      points: run.points,
      validations: run.validations,
      backend: run.backend,
      checkpoint: run.checkpoint,
      ...(started.fineTune ? { fineTune: started.fineTune } : {}),
    });
  }, [run, started, keepUnfinished]);

  /** The run interrupted when the page was last open, continued from its last checkpoint. */
  const continueInterrupted = useCallback(() => {
    const u = saved.unfinished;
    if (!u) return;
    const files = filesFor(u.form);
    if (!files) {
      setConfigError(
        'The datasets of that run are still loading (or came from a file that is not loaded): try again in a moment.',
      );
      return;
    }
    let config;
    try {
      config = toExperiment(u.form);
    } catch (err) {
      setConfigError(messageOf(err));
      return;
    }
    showForm(u.form);
    setStarted({
      form: u.form,
      label: u.name,
      id: u.id,
      ...(u.fineTune ? { fineTune: u.fineTune } : {}),
      trainingData: trainingDataFor(u.form),
    });
    runner.resumeInterrupted(config, files, u);
    dropUnfinished(false);
  }, [saved.unfinished, dropUnfinished, runner, filesFor, trainingDataFor, showForm]);

  /** This run, on a new worker from its last checkpoint (after a crash or a lost GPU), on the backend now chosen. */
  const continueRun = useCallback(() => {
    const files = started && filesFor(started.form);
    if (started && files && run.checkpoint)
      runner.continueFrom(
        toExperiment({ ...started.form, backend: form.backend }),
        files,
        run.checkpoint,
        started.fineTune,
      );
  }, [started, filesFor, run.checkpoint, runner, form.backend]);

  const reset = useCallback(() => {
    runner.reset();
    setStarted(null);
    dropUnfinished(true);
  }, [runner, dropUnfinished]);

  /** Pre-train then fine-tune: a new run on one task, from a saved run's shared encoder and vocabulary. */
  const fineTune = useCallback(
    (from: SavedRun, task: string, freeze: boolean) => {
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
      const label = `#${runCount + 1} ${taskInfo(task).title} fine-tuned from “${from.name}” (encoder ${freeze ? 'frozen' : 'trainable'})`;
      if (
        startRun(tuned, label, `The data of ${taskInfo(task).title} is still loading: try again in a moment.`, {
          from: checkpoint,
          freeze,
        })
      )
        showForm(tuned);
    },
    [form.maxTrain, runCount, startRun, showForm],
  );

  /** While paused, a new learning rate goes to the worker at once (Adam restarts with it). */
  const changeLearningRate = useCallback(
    (learningRate: number) => {
      if (run.status !== 'paused' || !started || learningRate === started.form.learningRate) return;
      runner.setLearningRate(learningRate);
      setStarted({ ...started, form: { ...started.form, learningRate } });
    },
    [run.status, started, runner],
  );

  /** While a run is on, new weights go to the worker for the tasks it trains. */
  const changeWeights = useCallback(
    (weights: Readonly<Record<string, number>>, nextForm: ExperimentForm) => {
      const active = activeTasks(nextForm).map((t) => t.spec.name);
      if (busy && started && active.some((n) => (weights[n] ?? 0) > 0)) {
        runner.setWeights(
          Object.fromEntries(activeTasks(started.form).map((t) => [t.spec.name, weights[t.spec.name] ?? 1])),
        );
      }
    },
    [busy, started, runner],
  );

  return {
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
  };
}
