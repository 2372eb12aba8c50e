// « Imprimer » on the appointment slip: a button shown only when JavaScript runs (without it, the page says to use the
// browser's own print menu).
document.querySelectorAll('[data-imprimer]').forEach(function (button) {
  button.hidden = false;
  button.addEventListener('click', function () { window.print(); });
  var hint = document.querySelector('.print-hint');
  if (hint) { hint.textContent = 'ou le menu « Imprimer » de votre navigateur (Ctrl + P).'; }
});
