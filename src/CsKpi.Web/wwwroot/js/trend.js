// Lines over time; empty buckets stay gaps (null), never zero; straight segments, no smoothing.
import { palette, baseOptions, drawAll } from './chart-theme.js';

// Buckets the period cuts (data.partial, a flag per point): hollow, larger points and dashed segments touching them;
// the note under the chart names them.
const partialStyle = (partial, colour) => (partial ? {
  pointBackgroundColor: partial.map((p) => (p ? '#fff' : colour)),
  pointRadius: partial.map((p) => (p ? 4 : 2)),
  segment: { borderDash: (ctx) => (partial[ctx.p0DataIndex] || partial[ctx.p1DataIndex] ? [4, 4] : undefined) },
} : {});

drawAll('trend', (canvas, data) => new Chart(canvas, {
  type: 'line',
  data: {
    labels: data.labels,
    datasets: data.series.map((s, i) => ({
      label: s.label,
      data: s.values,
      borderColor: palette[i],
      backgroundColor: palette[i],
      borderDash: s.reference ? [6, 4] : [],
      pointRadius: s.reference ? 0 : 2,
      spanGaps: false,
      tension: data.tension,
      ...(s.reference ? {} : partialStyle(data.partial, palette[i])),
    })),
  },
  options: baseOptions(data),
}));
