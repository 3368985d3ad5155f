// Lines over time; empty buckets stay gaps (null), never zero; straight segments, no smoothing.
import { palette, baseOptions, drawAll } from './chart-theme.js';

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
    })),
  },
  options: baseOptions(data),
}));
