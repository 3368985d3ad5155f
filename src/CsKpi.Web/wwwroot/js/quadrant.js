// Key drivers: performance (x) against importance (y), split into quadrants at the mean of each, every point
// labelled with its dimension.
import { palette, bad, baseOptions, drawAll, valueText } from './chart-theme.js';

const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;

drawAll('quadrant', (canvas, data) => {
  const [performance, importance] = data.series.map((s) => s.values);
  const points = data.labels.map((label, i) => ({ x: performance[i], y: importance[i], label, index: i }))
    .filter((p) => p.x !== null && p.y !== null);
  const midX = mean(points.map((p) => p.x));
  const midY = mean(points.map((p) => p.y));
  // Act first where importance is high and performance low: red and a triangle, not colour alone.
  const actFirst = (p) => p.y >= midY && p.x < midX;
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
  // Each point's name beside it: right, left, above or below, wherever it overlaps no point and no other name.
  const pointLabels = {
    id: 'pointLabels',
    afterDatasetsDraw(chart) {
      const { ctx, chartArea: area } = chart;
      const elements = chart.getDatasetMeta(0).data;
      const height = 14;
      const taken = elements.map((e) => ({ x: e.x - 8, y: e.y - 8, w: 16, h: 16 }));
      const overlaps = (r) => taken.some(
        (t) => r.x < t.x + t.w && t.x < r.x + r.w && r.y < t.y + t.h && t.y < r.y + r.h);
      ctx.save();
      ctx.font = `12px ${Chart.defaults.font.family}`;
      ctx.fillStyle = '#1f2933';
      ctx.textAlign = 'left';
      ctx.textBaseline = 'top';
      elements.forEach((element, i) => {
        const text = points[i].label;
        const w = ctx.measureText(text).width;
        const around = [
          { x: element.x + 10, y: element.y - height / 2 },
          { x: element.x - 10 - w, y: element.y - height / 2 },
          { x: element.x - w / 2, y: element.y - 10 - height },
          { x: element.x - w / 2, y: element.y + 10 },
        ].map((r) => ({ ...r, w, h: height })).filter((r) => r.x >= area.left && r.x + w <= area.right);
        let box = around.find((r) => !overlaps(r));
        if (!box) {
          // Crowded: below the first place that fits, one line further each time.
          box = { ...(around[0] ?? { x: element.x + 10, y: element.y - height / 2, w, h: height }) };
          while (overlaps(box)) box.y += height;
        }
        taken.push(box);
        ctx.fillText(text, box.x, box.y);
      });
      ctx.restore();
    },
  };
  const options = baseOptions(data);
  options.plugins.legend = { display: false };
  options.plugins.tooltip = {
    callbacks: {
      label: (ctx) => {
        const i = ctx.raw.index;
        return `${ctx.raw.label}: ${data.series[0].label} ${valueText(data, 0, i)}, `
          + `${data.series[1].label} ${valueText(data, 1, i)}`;
      },
    },
  };
  if (data.links) {
    const linkAt = (elements) => (elements.length ? data.links[points[elements[0].index].index] : null);
    options.onClick = (_, elements) => {
      const link = linkAt(elements);
      if (link) window.location.assign(link);
    };
    options.onHover = (event, elements) => {
      event.native.target.style.cursor = linkAt(elements) ? 'pointer' : 'default';
    };
  }
  return new Chart(canvas, {
    type: 'scatter',
    data: {
      datasets: [{
        label: data.series[1].label,
        data: points,
        pointRadius: 7,
        pointStyle: points.map((p) => (actFirst(p) ? 'triangle' : 'circle')),
        backgroundColor: points.map((p) => (actFirst(p) ? bad : palette[0])),
      }],
    },
    options,
    plugins: [quadrantLines, pointLabels],
  });
});
