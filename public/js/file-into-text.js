/*
 * Reads a chosen file into a text box, so it is sent like pasted text: every
 * <input type="file" data-fills="ID"> fills the element with that id (an instrument's JSON, a list of addresses).
 */
(function () {
  'use strict';
  document.querySelectorAll('input[type="file"][data-fills]').forEach(function (picker) {
    var box = document.getElementById(picker.getAttribute('data-fills'));
    if (!box) return;
    picker.addEventListener('change', function () {
      var file = picker.files && picker.files[0];
      if (!file) return;
      file.text().then(function (text) { box.value = text; });
    });
  });
})();
