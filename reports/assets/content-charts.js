// Draws the content page's charts from the JSON in <script id="page-data"> (chart: 'content'): pieces
// per day stacked by outcome, the fact-check's accuracy per day automated and after review with
// their Wilson 95% bands, and cost per day. Days are category labels (UTC, YYYY-MM-DD). Each canvas
// gets data-chart-ready once Chart.js has drawn it. Data reaches the page only as text.
(function () {
  'use strict';

  var element = document.getElementById('page-data');
  if (!element || typeof window.Chart !== 'function') return;
  var data;
  try {
    data = JSON.parse(element.textContent || 'null');
  } catch (error) {
    return;
  }
  if (!data || data.chart !== 'content' || !document.getElementById('chart-content-pieces')) return;

  var readyPlugin = {
    id: 'agentlabReady',
    afterRender: function (chart) {
      chart.canvas.setAttribute('data-chart-ready', 'true');
    },
  };

  function draw(canvasId, config) {
    var canvas = document.getElementById(canvasId);
    if (!canvas) return null;
    config.plugins = (config.plugins || []).concat([readyPlugin]);
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, config.options || {});
    return new window.Chart(canvas, config);
  }

  function usd(value) {
    if (value === null || value === undefined || !isFinite(value)) return '—';
    return '$' + (Math.abs(value) >= 1 ? value.toFixed(2) : value.toFixed(4));
  }

  function percent(value) {
    return (value * 100).toFixed(1) + '%';
  }

  /** A rate with its interval; null rate (nothing checked that day) is no point. */
  function rateOf(interval) {
    return interval && interval.rate !== null && isFinite(interval.rate) ? interval.rate : null;
  }

  var days = data.days;
  var labels = days.map(function (day) { return day.day; });
  var dayAxis = { ticks: { maxRotation: 0, autoSkip: true, autoSkipPadding: 16 }, grid: { display: false } };

  var outcomes = [
    { key: 'publishedAutomatically', label: 'Published automatically', color: '#1a7f37' },
    { key: 'publishedAfterReview', label: 'Published after review', color: '#4ac26b' },
    { key: 'waitingForReview', label: 'Waiting for review', color: '#d4a72c' },
    { key: 'returned', label: 'Returned by review', color: '#bc4c00' },
    { key: 'failed', label: 'Failed', color: '#cf222e' },
  ];
  draw('chart-content-pieces', {
    type: 'bar',
    data: {
      labels: labels,
      datasets: outcomes.map(function (outcome) {
        return { label: outcome.label, data: days.map(function (day) { return day[outcome.key]; }), backgroundColor: outcome.color, stack: 'pieces' };
      }),
    },
    options: {
      scales: { x: Object.assign({ stacked: true }, dayAxis), y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
      interaction: { mode: 'index', intersect: false },
      plugins: { legend: { position: 'bottom', labels: { boxWidth: 12 } } },
    },
  });

  // Each series is its band (lower bound, then the upper bound filled down to it) and its line.
  function accuracySets(key, label, color, band) {
    return [
      { label: label + ' lower bound', band: true, data: days.map(function (day) { return rateOf(day[key]) === null ? null : day[key].lower; }), borderWidth: 0, pointRadius: 0, pointHitRadius: 0, fill: false, spanGaps: true },
      { label: label + ' 95% interval', band: true, data: days.map(function (day) { return rateOf(day[key]) === null ? null : day[key].upper; }), borderWidth: 0, pointRadius: 0, pointHitRadius: 0, fill: '-1', backgroundColor: band, spanGaps: true },
      { label: label, key: key, data: days.map(function (day) { return rateOf(day[key]); }), borderColor: color, backgroundColor: color, borderWidth: 2, pointRadius: days.length > 40 ? 0 : 3, fill: false, spanGaps: true },
    ];
  }
  draw('chart-content-accuracy', {
    type: 'line',
    data: { labels: labels, datasets: accuracySets('automated', 'Automated', '#0969da', 'rgba(9, 105, 218, 0.15)').concat(accuracySets('afterReview', 'After review', '#8250df', 'rgba(130, 80, 223, 0.15)')) },
    options: {
      scales: { x: dayAxis, y: { min: 0, max: 1, ticks: { callback: function (value) { return Math.round(value * 100) + '%'; } } } },
      interaction: { mode: 'index', intersect: false },
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 12, filter: function (item, chartData) { return !chartData.datasets[item.datasetIndex].band; } } },
        tooltip: {
          filter: function (item) { return !item.dataset.band; },
          callbacks: {
            label: function (context) {
              var interval = days[context.dataIndex][context.dataset.key];
              return context.dataset.label + ': ' + percent(interval.rate) + ' [' + percent(interval.lower) + '–' + percent(interval.upper) + ']';
            },
          },
        },
      },
    },
  });

  draw('chart-content-cost', {
    type: 'bar',
    data: { labels: labels, datasets: [{ label: 'Cost (USD)', data: days.map(function (day) { return day.costUsd; }), backgroundColor: '#0969da' }] },
    options: {
      scales: { x: dayAxis, y: { beginAtZero: true, ticks: { callback: function (value) { return '$' + Number(Number(value).toPrecision(3)); } } } },
      plugins: { legend: { display: false }, tooltip: { callbacks: { label: function (context) { return usd(context.raw); } } } },
    },
  });
})();
