// The plan sheet's print button: shown only when this module runs, since it needs JavaScript.
for (const button of document.querySelectorAll('[data-print]')) {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
}
