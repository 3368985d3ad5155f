// Shared by the chart modules: colours, number formatting by unit, and reading a chart's JSON block.
export const palette = ['#2563eb', '#94a3b8', '#dc2626', '#16a34a', '#d97706', '#7c3aed'];
export const good = '#15803d';
export const bad = '#b91c1c';

export function readData(canvas) {
  return JSON.parse(document.getElementById(canvas.dataset.source).textContent);
}

// Durations read as minutes and seconds; percentages carry their sign; counts get thousands separators.
export function format(value, unit) {
  if (value === null || value === undefined) return '—';
  switch (unit) {
    case 'seconds': {
      const s = Math.round(value);
      if (s < 60) return `${s} s`;
      if (s < 3600) return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
      return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')} min`;
    }
    case 'percent': return `${value.toFixed(1)} %`;
    case 'score': return value.toFixed(1);
    default: return Number.isInteger(value) ? value.toLocaleString() : value.toFixed(2);
  }
}

export function baseOptions(data) {
  const options = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    plugins: {
      legend: { display: data.series.length > 1, position: 'bottom' },
      tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label}: ${format(ctx.parsed.y ?? ctx.parsed, data.unit)}` } },
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
