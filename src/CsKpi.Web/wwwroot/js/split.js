// Parts of a whole (NPS promoters / passives / detractors) as a doughnut.
import { good, bad, palette, baseOptions, drawAll, valueText } from './chart-theme.js';

drawAll('split', (canvas, data) => {
  const options = baseOptions(data);
  delete options.scales;
  options.plugins.legend = { display: true, position: 'right' };
  options.plugins.tooltip = { callbacks: { label: (ctx) => `${ctx.label}: ${valueText(data, 0, ctx.dataIndex)}` } };
  return new Chart(canvas, {
    type: 'doughnut',
    data: {
      labels: data.labels,
      datasets: [{
        label: data.series[0].label,
        data: data.series[0].values,
        backgroundColor: [good, palette[1], bad],
      }],
    },
    options,
  });
});
