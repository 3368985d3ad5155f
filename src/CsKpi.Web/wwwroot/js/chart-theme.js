// Shared by the chart modules: colours, the server's axis and texts, and reading a chart's JSON block.
export const palette = ['#2563eb', '#94a3b8', '#dc2626', '#16a34a', '#d97706', '#7c3aed'];
export const good = '#15803d';
export const bad = '#b91c1c';

export function readData(canvas) {
  return JSON.parse(document.getElementById(canvas.dataset.source).textContent);
}

// The value axis as the server chose it (ChartAxis): its ticks, already formatted in the page's language.
export function valueAxis(data) {
  const ticks = data.ticks ?? [];
  const texts = new Map(ticks.map((t) => [t.value, t.text]));
  if (ticks.length === 0) return {};
  return {
    min: ticks[0].value,
    max: ticks[ticks.length - 1].value,
    afterBuildTicks: (axis) => { axis.ticks = ticks.map((t) => ({ value: t.value })); },
    ticks: { callback: (value) => texts.get(value) ?? '' },
  };
}

// A point's text as the server formatted it (ChartData.Format): the script formats no number itself.
export function valueText(data, datasetIndex, index) {
  return data.series[datasetIndex].texts[index];
}

export function baseOptions(data) {
  const options = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    plugins: {
      legend: { display: data.series.length > 1, position: 'bottom' },
      tooltip: {
        callbacks: { label: (ctx) => `${ctx.dataset.label}: ${valueText(data, ctx.datasetIndex, ctx.dataIndex)}` },
      },
    },
  };
  // A point or bar with a link opens the records behind it (same period and filters).
  if (data.links) {
    const linkAt = (elements) => (elements.length ? data.links[elements[0].index] : null);
    options.onClick = (_, elements) => {
      const link = linkAt(elements);
      if (link) window.location.assign(link);
    };
    options.onHover = (event, elements) => {
      event.native.target.style.cursor = linkAt(elements) ? 'pointer' : 'default';
    };
  }
  return options;
}

// Each chart module draws the canvases of its kind once the page has parsed.
export function drawAll(kind, draw) {
  for (const canvas of document.querySelectorAll(`canvas[data-chart="${kind}"]`)) draw(canvas, readData(canvas));
}
