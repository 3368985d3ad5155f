// Shared by the chart modules: colours, the server's axes and texts, and reading a chart's JSON block.
export const palette = ['#2563eb', '#94a3b8', '#dc2626', '#16a34a', '#d97706', '#7c3aed'];
export const good = '#15803d';
export const bad = '#b91c1c';

export function readData(canvas) {
  return JSON.parse(document.getElementById(canvas.dataset.source).textContent);
}

// An axis as the server chose it (ChartAxis): its ends, its ticks already formatted in the page's language, its
// title already translated.
export function scaleOf(axis) {
  if (!axis) return {};
  const scale = axis.title ? { title: { display: true, text: axis.title } } : {};
  const ticks = axis.ticks ?? [];
  if (ticks.length === 0) return scale;
  const texts = new Map(ticks.map((t) => [t.value, t.text]));
  return {
    ...scale,
    min: axis.min,
    max: axis.max,
    afterBuildTicks: (built) => { built.ticks = ticks.map((t) => ({ value: t.value })); },
    ticks: { callback: (value) => texts.get(value) ?? '' },
  };
}

// Both axes, on the survey's full scale or, when the reader asked, fitted to the data.
export function axesOf(data, zoomed) {
  const pick = (name) => (zoomed && data.zoom?.[name]?.ticks?.length ? data.zoom[name] : data[name]);
  return { x: scaleOf(pick('x')), y: scaleOf(pick('y')) };
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
    // Whatever Chart.js formats by itself follows the page's language, not the browser's.
    locale: data.locale,
    scales: axesOf(data, false),
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

// The "zoom to data" button beside a chart switches its axes between the full scale and the data's range.
function wireZoom(canvas, data, chart) {
  const button = document.querySelector(`button[data-zoom="${canvas.dataset.source}"]`);
  if (!button || !data.zoom) return;
  button.hidden = false;
  button.addEventListener('click', () => {
    const zoomed = button.getAttribute('aria-pressed') !== 'true';
    button.setAttribute('aria-pressed', String(zoomed));
    // Whole axes replaced: the fitted ends must not linger on the full scale.
    const axes = axesOf(data, zoomed);
    for (const name of ['x', 'y']) chart.options.scales[name] = axes[name];
    chart.update();
  });
}

// Each chart module draws the canvases of its kind once the page has parsed.
export function drawAll(kind, draw) {
  for (const canvas of document.querySelectorAll(`canvas[data-chart="${kind}"]`)) {
    const data = readData(canvas);
    const chart = draw(canvas, data);
    if (chart) wireZoom(canvas, data, chart);
  }
}
