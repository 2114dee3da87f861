import type { Sharing } from '../../src/config/experiment';
import type { TaskInfo } from '../shared/tasks';

/** Hard: one shared encoder feeding a head per task. Soft: an encoder per task, neighbours joined by λ-links. */
export function SharingDiagram({
  sharing,
  tasks,
  lambda,
}: {
  sharing: Sharing;
  tasks: readonly TaskInfo[];
  lambda: number;
}) {
  const width = 300;
  const n = Math.max(tasks.length, 1);
  const col = (i: number) => ((i + 0.5) * width) / n;
  const label =
    sharing === 'hard'
      ? `Hard sharing: one shared encoder feeds ${tasks.length} task head${tasks.length === 1 ? '' : 's'}.`
      : sharing === 'soft'
        ? `Soft sharing: ${tasks.length} encoders, one per task, pulled together with λ = ${lambda}.`
        : `Cross-stitch: ${tasks.length} encoders, one per task; after every layer each one's states are a learned mix α of all of them.`;
  const link = sharing === 'soft' ? 'λ' : 'α';
  return (
    <svg className="diagram" viewBox={`0 0 ${width} 130`} role="img" aria-label={label}>
      <title>{label}</title>
      {tasks.map((t, i) => (
        <g key={t.spec.name}>
          <rect x={col(i) - 46} y={6} width={92} height={26} rx={5} fill="#fff" stroke={t.colour} strokeWidth={2} />
          <text x={col(i)} y={24} textAnchor="middle" fontSize={11} fill={t.colour}>
            {t.title} head
          </text>
          <line x1={col(i)} y1={32} x2={sharing === 'hard' ? width / 2 : col(i)} y2={62} stroke="#64748b" />
        </g>
      ))}
      {sharing === 'hard' ? (
        <g>
          <rect x={width / 2 - 70} y={62} width={140} height={28} rx={5} fill="#e2e8f0" stroke="#334155" />
          <text x={width / 2} y={81} textAnchor="middle" fontSize={12}>
            shared encoder θ
          </text>
          <line x1={width / 2} y1={90} x2={width / 2} y2={108} stroke="#64748b" />
        </g>
      ) : (
        tasks.map((t, i) => (
          <g key={t.spec.name}>
            <rect x={col(i) - 34} y={62} width={68} height={28} rx={5} fill="#e2e8f0" stroke={t.colour} />
            <text x={col(i)} y={81} textAnchor="middle" fontSize={12}>
              θ{i + 1}
            </text>
            {i > 0 && (
              <>
                <line
                  x1={col(i - 1) + 34}
                  y1={76}
                  x2={col(i) - 34}
                  y2={76}
                  stroke="#b45309"
                  strokeDasharray={sharing === 'soft' ? '4 3' : undefined}
                  strokeWidth={sharing !== 'soft' || lambda > 0 ? 2 : 0.5}
                />
                <text x={(col(i - 1) + col(i)) / 2} y={71} textAnchor="middle" fontSize={11} fill="#b45309">
                  {link}
                </text>
              </>
            )}
            <line x1={col(i)} y1={90} x2={width / 2} y2={108} stroke="#64748b" />
          </g>
        ))
      )}
      <text x={width / 2} y={124} textAnchor="middle" fontSize={12}>
        tokens
      </text>
    </svg>
  );
}
