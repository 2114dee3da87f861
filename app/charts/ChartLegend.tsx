import { memo } from 'react';

export interface LegendEntry {
  readonly name: string;
  readonly colour: string;
  readonly dashed?: boolean;
}

/**
 * The chart's legend as plain HTML under the plot. Recharts' own legend
 * measures itself in the DOM after every redraw (a forced layout each time
 * the data changes); this one is laid out once, with the page.
 */
export const ChartLegend = memo(function ChartLegend({ entries }: { entries: readonly LegendEntry[] }) {
  return (
    <ul className="chart-legend">
      {entries.map((e) => (
        <li key={e.name}>
          <svg width="18" height="8" aria-hidden="true">
            <line
              x1="0"
              y1="4"
              x2="18"
              y2="4"
              stroke={e.colour}
              strokeWidth="2"
              strokeDasharray={e.dashed ? '5 3' : undefined}
            />
          </svg>
          {e.name}
        </li>
      ))}
    </ul>
  );
});
