// Lines over time; empty buckets stay gaps (null), never zero.
import { palette, valueAxis, baseOptions, drawAll } from './chart-theme.js';

drawAll('trend', (canvas, data) => {
  const options = baseOptions(data);
  options.scales = { y: valueAxis(data) };
  new Chart(canvas, {
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
        tension: 0.2,
      })),
    },
    options,
  });
});
