import type { BackendInfo } from '../../src/train/events';
import { calibrationSummary } from '../../src/worker/calibration';

export function BackendBadge({ backend }: { backend: BackendInfo | null }) {
  if (!backend) return <span className="badge">backend: not started</span>;
  const software = backend.adapter?.isFallbackAdapter;
  const skipped = backend.skipped.map((s) => `${s.name}: ${s.reason}`).join('\n');
  return (
    <span className={`badge${software ? ' warn' : ''}`} title={skipped || undefined}>
      {backend.name.toUpperCase()}
      {backend.adapter ? ` · ${backend.adapter.vendor || 'unknown vendor'} ${backend.adapter.architecture}` : ''}
      {software ? ' · software adapter (slow)' : ''}
      {backend.calibration
        ? ` · ${calibrationSummary(backend.calibration)}`
        : backend.skipped.length > 0
          ? ` · fell back from ${backend.skipped.map((s) => s.name).join(', ')}`
          : ''}
    </span>
  );
}
