/**
 * One sentence per panel and chart, shown on demand (Explain): what it
 * shows and what to look for, as Teachable Machine's "Under the hood" does.
 * Keyed by the panel's or chart's title.
 */
export const EXPLANATIONS: Readonly<Record<string, string>> = {
  Tasks:
    'Which tasks train together, each with its loss weight wᵢ in the objective J = Σ wᵢ·Jᵢ: a weight of 0 keeps a task’s curve but takes it out of the update.',
  'Parameter sharing':
    'Hard sharing trains one encoder for all tasks with a head each; soft sharing gives each task its own encoder, pulled together by the λ penalty; cross-stitch learns how much the tasks mix at each layer.',
  'Model and training':
    'The model’s size and how it learns: a bigger model can learn more of a real corpus but takes longer a step, so watch the time left.',
  'Task balancing':
    'How the task losses are weighted at each step: fixed by you (manual), or adjusted by a method as training goes, whose effective weights appear in “How the tasks interact”.',
  'Training loss per task and weighted total':
    'Each task’s loss on its training batches and the weighted total J: look for every curve falling, and for one task stalling while another falls, a sign the tasks pull the shared encoder apart.',
  'Validation loss per task':
    'The loss on a fixed sample of each dev set, scored every few steps: when it turns up while the training loss still falls, the model has begun to memorise its training sentences.',
  'Validation metric per task':
    'Accuracy or F1 on the same dev samples, the figure that picks the checkpoint kept at the end: compare its level with each task trained alone below.',
  'How the tasks interact':
    'What the shared encoder sees during training: the weights each task’s loss gets, whether the tasks’ gradients agree, and how much of the update each task makes.',
  'Effective task weights':
    'The weight each task’s loss gets at each step: flat with manual weights; with uncertainty, DWA, GradNorm or FAMO, watch which task the method favours.',
  'Gradient cosine between tasks (shared encoder)':
    'Whether two tasks push the shared encoder the same way (above 0) or against each other (below 0): values that stay below 0 are the conflict PCGrad removes.',
  'Share of the shared-gradient norm':
    'How much of the shared encoder’s update each task makes: a task with a tiny share barely shapes what the tasks share.',
  'Does sharing help?':
    'The multi-task run against each task trained alone on the same settings: a difference smaller than the spread over seeds is noise, not a gain.',
  'Step by step':
    'Step trains exactly one update and pauses: compare each task’s loss before and after, and see how the weights turn the task losses into the one number J that the update lowers.',
  'The objective':
    'The number training lowers, with this step’s figures filled in: each task’s loss Jᵢ times its weight wᵢ (plus λ times the distance between the task encoders under soft sharing); hover a term to find its task’s curve.',
  'Try it': 'Type a sentence and see what the trained model predicts for every task, word by word.',
};
