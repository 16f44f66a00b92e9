/* "Go back" on an error page after a form post: the browser returns to the form with its fields kept. */
(function () {
  'use strict';
  document.querySelectorAll('[data-go-back]').forEach(function (button) {
    button.addEventListener('click', function () { window.history.back(); });
  });
})();
