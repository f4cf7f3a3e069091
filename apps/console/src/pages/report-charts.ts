import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';
import { h } from '@qms/ui';

// Only the parts the reports draw: bars and lines on a category axis (a smaller bundle).
Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, Legend);
Chart.defaults.animation = false; // figures, not a show; and the print view and screenshots see the final picture
Chart.defaults.font.family = "system-ui, 'Noto Sans', 'DejaVu Sans', sans-serif";

const BLUE = '#0b4f9c';
const ORANGE = '#d97706';

export interface BarsAndLine {
  labels: string[];
  bars: { label: string; values: number[] };
  /** Drawn on a second axis, in minutes. */
  line?: { label: string; values: (number | null)[] };
}

/** A bar chart (counts) with an optional line (minutes) on a second axis, in a box of its own. */
export function barsAndLine(key: string, title: string, data: BarsAndLine): { element: HTMLElement; destroy(): void } {
  const canvas = h('canvas', { 'aria-label': title, role: 'img' });
  const element = h('figure', { class: 'chart', 'data-chart': key }, h('figcaption', {}, title), h('div', { class: 'chart-box' }, canvas));
  const datasets = [
    { type: 'bar' as const, label: data.bars.label, data: data.bars.values, backgroundColor: BLUE, yAxisID: 'count', order: 2 },
    ...(data.line ? [{ type: 'line' as const, label: data.line.label, data: data.line.values, borderColor: ORANGE, backgroundColor: ORANGE, yAxisID: 'minutes', spanGaps: true, order: 1 }] : []),
  ];
  const chart = new Chart(canvas, {
    data: { labels: data.labels, datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        count: { type: 'linear', position: 'left', beginAtZero: true, ticks: { precision: 0 } },
        ...(data.line ? { minutes: { type: 'linear' as const, position: 'right' as const, beginAtZero: true, grid: { drawOnChartArea: false } } } : {}),
      },
      plugins: { legend: { position: 'bottom' } },
    },
  });
  element.dataset.points = String(data.labels.length);
  return { element, destroy: () => chart.destroy() };
}
