// Bars per category (channel, dimension, time bucket), one colour per series.
import { palette, baseOptions, drawAll } from './chart-theme.js';

drawAll('bars', (canvas, data) => new Chart(canvas, {
  type: 'bar',
  data: {
    labels: data.labels,
    datasets: data.series.map((s, i) => ({ label: s.label, data: s.values, backgroundColor: palette[i] })),
  },
  options: baseOptions(data),
}));
