/* Draws the dashboard's charts from its JSON endpoint. Every chart has a data table beside it. */
(function () {
  'use strict';
  // Okabe–Ito colours: distinguishable with the common colour-vision deficiencies and in greyscale print.
  var palette = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442', '#000000'];
  var data = document.getElementById('dashboard-data');
  var source = data.getAttribute('data-src');
  // The page gives the charts' words in its own language.
  var words = { favorable: data.getAttribute('data-favorable'), mean: data.getAttribute('data-mean'), suppressed: data.getAttribute('data-suppressed') };
  var printButton = document.getElementById('print-button');
  if (printButton) printButton.addEventListener('click', function () { window.print(); });

  function bar(canvasId, labels, datasets, options) {
    var canvas = document.getElementById(canvasId);
    if (!canvas) return;
    new Chart(canvas, {
      type: 'bar',
      data: { labels: labels, datasets: datasets },
      options: Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, options),
    });
  }

  function suppressedLabel(label, isShown) {
    return isShown ? label : words.suppressed.replace('{label}', label);
  }

  fetch(source, { headers: { Accept: 'application/json' } })
    .then(function (response) { return response.json(); })
    .then(function (dashboard) {
      var results = dashboard.results;
      if (!results) return;
      bar('chart-constructs', results.constructs.map(function (row) { return suppressedLabel(row.title, row.headline.isShown); }), [{
        label: words.favorable,
        data: results.constructs.map(function (row) { return row.headline.isShown ? Math.round(row.headline.percentFavorable) : null; }),
        backgroundColor: palette[0],
      }], { scales: { y: { min: 0, max: 100, title: { display: true, text: words.favorable } } } });

      var groupLabels = results.groups.map(function (group, index) {
        var anyShown = results.constructs.some(function (row) { return row.breakdown[index].isShown; });
        return suppressedLabel(group.label, anyShown);
      });
      bar('chart-breakdown', groupLabels, results.constructs.map(function (row, index) {
        return {
          label: row.title,
          data: row.breakdown.map(function (stat) { return stat.isShown ? Number(stat.mean.toFixed(2)) : null; }),
          backgroundColor: palette[index % palette.length],
        };
      }), { scales: { y: { min: 1, max: 5, title: { display: true, text: words.mean } } } });

      var shorten = function (text) { return text.length > 60 ? text.slice(0, 57) + '…' : text; };
      bar('chart-items', results.items.map(function (item) { return suppressedLabel(shorten(item.text), item.stat.isShown); }), [{
        label: words.favorable,
        data: results.items.map(function (item) { return item.stat.isShown ? Math.round(item.stat.percentFavorable) : null; }),
        backgroundColor: palette[5],
      }], { indexAxis: 'y', scales: { x: { min: 0, max: 100 } } });
      var trend = results.trend;
      var trendCanvas = document.getElementById('chart-trend');
      if (trendCanvas && trend.waves.length > 1) {
        // A point only where that wave shows the group: a null leaves a gap, never a made-up value.
        new Chart(trendCanvas, {
          type: 'line',
          data: {
            labels: trend.waves.map(function (wave) { return wave.name; }),
            datasets: trend.rows.map(function (row, index) {
              return { label: row.title, data: row.means.map(function (mean) { return mean === null ? null : Number(mean.toFixed(2)); }), borderColor: palette[index % palette.length], backgroundColor: palette[index % palette.length], spanGaps: false };
            }),
          },
          options: { responsive: true, maintainAspectRatio: false, animation: false, scales: { y: { min: 1, max: 5, title: { display: true, text: words.mean } } } },
        });
      }
      document.body.setAttribute('data-charts-drawn', 'true');
    });
})();
