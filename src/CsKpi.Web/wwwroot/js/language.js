// The language picker changes language as soon as one is chosen; the button is there for keyboards without script.
const picker = document.querySelector('[data-language-picker]');
if (picker) {
  picker.querySelector('select').addEventListener('change', () => picker.submit());
}
