/* Reads a chosen instrument file into the text box, so it is sent like pasted text. */
(function () {
  'use strict';
  var picker = document.getElementById('instrument-file');
  var box = document.getElementById('instrument-definition');
  if (!picker || !box) return;
  picker.addEventListener('change', function () {
    var file = picker.files && picker.files[0];
    if (!file) return;
    file.text().then(function (text) { box.value = text; });
  });
})();
