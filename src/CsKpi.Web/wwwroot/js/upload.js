// Import progress: polls the page's Progress handler until the background import is done, then shows the summary.
const job = document.querySelector('[data-import-job]');
if (job) {
  const bar = job.querySelector('progress');
  const status = job.querySelector('[data-import-status]');
  const url = new URL(window.location.href);
  url.searchParams.set('handler', 'Progress');
  url.searchParams.set('job', job.dataset.importJob);
  const poll = async () => {
    const response = await fetch(url, { headers: { Accept: 'application/json' } });
    if (!response.ok) return;
    const progress = await response.json();
    if (progress.done) { window.location.reload(); return; }
    if (progress.total) bar.value = Math.round((100 * progress.bytes) / progress.total);
    status.textContent = `${progress.rows.toLocaleString()} rows read — ${progress.stage ?? 'starting'}…`;
    setTimeout(poll, 500);
  };
  poll();
}
