// The filter bar: choices apply at once (the form is a plain GET, so the URL keeps them), custom dates show only
// when wanted, and empty choices stay out of the URL.
for (const form of document.querySelectorAll('form[data-filters]')) {
  const period = form.elements.namedItem('period');
  const custom = form.querySelector('[data-custom-dates]');
  const showCustom = () => { if (custom && period) custom.hidden = period.value !== 'custom'; };
  showCustom();
  form.addEventListener('formdata', (event) => {
    for (const [name, value] of [...event.formData]) if (value === '') event.formData.delete(name);
    if (period && period.value !== 'custom') { event.formData.delete('from'); event.formData.delete('to'); }
  });
  form.addEventListener('change', (event) => {
    showCustom();
    const dates = custom ? [...custom.querySelectorAll('input')] : [];
    if (period && period.value === 'custom' && dates.some((d) => d.value === '')) return;
    if (event.target.matches('select, input')) form.requestSubmit();
  });
}
