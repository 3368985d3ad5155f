// Lines over time; empty buckets stay gaps (null), never zero.
import { palette, format, baseOptions, drawAll } from './chart-theme.js';

drawAll('trend', (canvas, data) => {
  const options = baseOptions(data);
  options.scales = { y: { ticks: { callback: (v) => format(v, data.unit) } } };
  // A point opens the records behind it (its bucket, the same filters).
  if (data.links) {
    options.onClick = (_, elements) => {
      const link = elements.length ? data.links[elements[0].index] : null;
      if (link) window.location.assign(link);
    };
    options.onHover = (event, elements) => {
      event.native.target.style.cursor = elements.length && data.links[elements[0].index] ? 'pointer' : 'default';
    };
  }
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
