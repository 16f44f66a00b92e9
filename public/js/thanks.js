/* On a kiosk, the thank-you page starts the survey again for the next person. */
(function () {
  'use strict';
  var next = document.getElementById('kiosk-next');
  var returnKey = 'peerclimate:kiosk-return';
  var target = null;
  try { target = window.sessionStorage.getItem(returnKey); } catch { target = null; }
  if (!next || !target || target.indexOf('/s/') !== 0) return;
  // replace(), not assign(): Back from the fresh survey cannot reach this page or an earlier one.
  function restart() { window.location.replace(target); }
  document.getElementById('kiosk-restart').addEventListener('click', restart);
  window.setTimeout(restart, 10000);
})();
