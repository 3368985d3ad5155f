// The small trend line on each KPI card: no axes, gaps where a bucket has no data, straight segments.
for (const canvas of document.querySelectorAll('canvas.spark')) {
  const values = JSON.parse(canvas.dataset.spark);
  new Chart(canvas, {
    type: 'line',
    data: {
      labels: values.map((_, i) => i),
      datasets: [{
        data: values, borderColor: '#2563eb', borderWidth: 1.5, pointRadius: 1.5, spanGaps: false, tension: 0,
      }],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      events: [],
      plugins: { legend: { display: false }, tooltip: { enabled: false } },
      scales: { x: { display: false }, y: { display: false } },
    },
  });
}
