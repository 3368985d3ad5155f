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
    if (progress.queued) { setTimeout(poll, 500); return; } // the page's own "queued" text stays until it starts
    if (progress.total) bar.value = Math.round((100 * progress.bytes) / progress.total);
    status.textContent = `${progress.rows.toLocaleString()} rows read — ${progress.stage ?? 'starting'}…`;
    setTimeout(poll, 500);
  };
  poll();
}

// Refuse an oversized file before sending it: the server would refuse it too, after the whole upload.
const file = document.querySelector('input[type=file][data-max-bytes]');
if (file) {
  file.addEventListener('change', () => {
    const tooBig = file.files.length > 0 && file.files[0].size > Number(file.dataset.maxBytes);
    file.setCustomValidity(tooBig ? file.dataset.maxMessage : '');
    file.reportValidity();
  });
}
