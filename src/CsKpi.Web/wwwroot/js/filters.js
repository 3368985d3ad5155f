// The filter bar: choices apply on the Apply button only (a keyboard user browsing a dropdown with the arrow keys
// must not reload the page at every option); custom dates show only when wanted, and empty choices stay out of the
// URL (the form is a plain GET, so the URL keeps the rest).
for (const form of document.querySelectorAll('form[data-filters]')) {
  const period = form.elements.namedItem('period');
  const custom = form.querySelector('[data-custom-dates]');
  const showCustom = () => { if (custom && period) custom.hidden = period.value !== 'custom'; };
  showCustom();
  if (period) period.addEventListener('change', showCustom);
  form.addEventListener('formdata', (event) => {
    for (const [name, value] of [...event.formData]) if (value === '') event.formData.delete(name);
    if (period && period.value !== 'custom') { event.formData.delete('from'); event.formData.delete('to'); }
  });
}
