// Key drivers: performance (x) against importance (y), split into quadrants at the mean of each.
import { palette, bad, drawAll } from './chart-theme.js';

const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;

drawAll('quadrant', (canvas, data) => {
  const [performance, importance] = data.series.map((s) => s.values);
  const points = data.labels.map((label, i) => ({ x: performance[i], y: importance[i], label }))
    .filter((p) => p.x !== null && p.y !== null);
  const midX = mean(points.map((p) => p.x));
  const midY = mean(points.map((p) => p.y));
  const quadrantLines = {
    id: 'quadrantLines',
    beforeDatasetsDraw(chart) {
      const { ctx, chartArea: area, scales: { x, y } } = chart;
      ctx.save();
      ctx.strokeStyle = '#cbd2d9';
      ctx.setLineDash([4, 4]);
      ctx.beginPath();
      ctx.moveTo(x.getPixelForValue(midX), area.top);
      ctx.lineTo(x.getPixelForValue(midX), area.bottom);
      ctx.moveTo(area.left, y.getPixelForValue(midY));
      ctx.lineTo(area.right, y.getPixelForValue(midY));
      ctx.stroke();
      ctx.restore();
    },
  };
  new Chart(canvas, {
    type: 'scatter',
    data: {
      datasets: [{
        label: 'Dimensions',
        data: points,
        pointRadius: 7,
        // Act first where importance is high and performance low.
        backgroundColor: points.map((p) => (p.y >= midY && p.x < midX ? bad : palette[0])),
      }],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: (ctx) => `${ctx.raw.label}: performance ${ctx.raw.x.toFixed(2)}, importance ${ctx.raw.y.toFixed(2)}`,
          },
        },
      },
      scales: {
        x: { title: { display: true, text: data.series[0].label } },
        y: { title: { display: true, text: data.series[1].label } },
      },
    },
    plugins: [quadrantLines],
  });
});
