// Draws the pages' charts and wires the trace waterfall, from the JSON in <script id="page-data">.
// Every piece of data reaches the page as text (textContent), never as HTML. Each chart's canvas
// gets data-chart-ready once Chart.js has drawn it; the waterfall gets it once it is interactive.
(function () {
  'use strict';

  var palette = ['#0969da', '#cf222e', '#1a7f37', '#8250df', '#bc4c00', '#0550ae', '#bf3989', '#4d2d00', '#116329', '#6639ba'];

  function readPageData() {
    var element = document.getElementById('page-data');
    if (!element) return null;
    try {
      return JSON.parse(element.textContent || 'null');
    } catch (error) {
      return null;
    }
  }

  function withAlpha(hex, alpha) {
    var value = parseInt(hex.slice(1), 16);
    return 'rgba(' + ((value >> 16) & 255) + ', ' + ((value >> 8) & 255) + ', ' + (value & 255) + ', ' + alpha + ')';
  }

  var readyPlugin = {
    id: 'agentlabReady',
    afterRender: function (chart) {
      chart.canvas.setAttribute('data-chart-ready', 'true');
    },
  };

  function draw(canvasId, config) {
    var canvas = document.getElementById(canvasId);
    if (!canvas || typeof window.Chart !== 'function') return null;
    config.plugins = (config.plugins || []).concat([readyPlugin]);
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, config.options || {});
    return new window.Chart(canvas, config);
  }

  function percentAxis() {
    return { min: 0, max: 1, ticks: { callback: function (value) { return Math.round(value * 100) + '%'; } } };
  }

  function usd(value) {
    if (value === null || value === undefined || !isFinite(value)) return '—';
    return '$' + (Math.abs(value) >= 1 ? value.toFixed(2) : value.toFixed(4));
  }

  function usdTick(value) {
    return '$' + Number(Number(value).toPrecision(3));
  }

  function valuesByDay(series, dayLabels, pick) {
    var byDay = {};
    series.points.forEach(function (point) { byDay[point.day] = point; });
    return dayLabels.map(function (day) {
      var point = byDay[day];
      if (!point) return null;
      var value = pick(point);
      return value === undefined || value === null || (typeof value === 'number' && !isFinite(value)) ? null : value;
    });
  }

  function drawTrends(data) {
    var labels = data.dayLabels;
    var successSets = [];
    var tokenSets = [];
    var costSets = [];
    data.series.forEach(function (series, index) {
      var color = palette[index % palette.length];
      var name = series.model + ' · ' + series.agent;
      var graded = function (point) { return point.passed + point.failed > 0; };
      // The band is two datasets: the lower bound, then the upper bound filled down to it.
      successSets.push({ label: name + ' lower', band: true, data: valuesByDay(series, labels, function (point) { return graded(point) ? point.successRate.lower : null; }), borderWidth: 0, pointRadius: 0, fill: false, spanGaps: true });
      successSets.push({ label: name + ' 95% interval', band: true, data: valuesByDay(series, labels, function (point) { return graded(point) ? point.successRate.upper : null; }), borderWidth: 0, pointRadius: 0, fill: '-1', backgroundColor: withAlpha(color, 0.15), spanGaps: true });
      successSets.push({ label: name, data: valuesByDay(series, labels, function (point) { return graded(point) ? point.successRate.rate : null; }), borderColor: color, backgroundColor: color, borderWidth: 2, pointRadius: 2, fill: false, spanGaps: true });
      tokenSets.push({ label: name, data: valuesByDay(series, labels, function (point) { return point.tokens; }), borderColor: color, backgroundColor: color, borderWidth: 2, pointRadius: 2, spanGaps: true });
      costSets.push({ label: name, data: valuesByDay(series, labels, function (point) { return point.costUsd; }), borderColor: color, backgroundColor: color, borderWidth: 2, pointRadius: 2, spanGaps: true });
    });
    var hideBands = {
      legend: { labels: { filter: function (item, chart) { return !chart.datasets[item.datasetIndex].band; } } },
      tooltip: {
        filter: function (item) { return !item.dataset.band; },
        callbacks: {
          label: function (context) {
            var band = context.chart.data.datasets;
            var lower = band[context.datasetIndex - 2].data[context.dataIndex];
            var upper = band[context.datasetIndex - 1].data[context.dataIndex];
            return context.dataset.label + ': ' + (context.parsed.y * 100).toFixed(1) + '% [' + (lower * 100).toFixed(1) + '–' + (upper * 100).toFixed(1) + ']';
          },
        },
      },
    };
    draw('chart-success', { type: 'line', data: { labels: labels, datasets: successSets }, options: { scales: { y: percentAxis() }, plugins: hideBands, interaction: { mode: 'index', intersect: false } } });
    draw('chart-tokens', { type: 'line', data: { labels: labels, datasets: tokenSets }, options: { scales: { y: { beginAtZero: true } } } });
    draw('chart-cost', {
      type: 'line',
      data: { labels: labels, datasets: costSets },
      options: { scales: { y: { beginAtZero: true, ticks: { callback: usdTick } } }, plugins: { tooltip: { callbacks: { label: function (context) { return context.dataset.label + ': ' + usd(context.parsed.y); } } } } },
    });
  }

  function drawCosts(data) {
    [['chart-cost-model', data.byModel], ['chart-cost-agent', data.byAgent], ['chart-cost-dataset', data.byDataset], ['chart-cost-day', data.byDay]].forEach(function (entry, index) {
      var rows = entry[1];
      draw(entry[0], {
        type: 'bar',
        data: {
          labels: rows.map(function (row) { return row.label; }),
          datasets: [{ label: 'Cost (USD)', data: rows.map(function (row) { return row.costUsd; }), backgroundColor: palette[index % palette.length] }],
        },
        options: {
          scales: { y: { beginAtZero: true, ticks: { callback: usdTick } } },
          plugins: {
            legend: { display: false },
            tooltip: { callbacks: { label: function (context) { var row = rows[context.dataIndex]; return usd(row.costUsd) + ' · ' + usd(row.costPerSuccess) + ' per success'; } } },
          },
        },
      });
    });
  }

  function milliseconds(value) {
    if (value < 10) return value.toFixed(1) + ' ms';
    if (value < 1000) return Math.round(value) + ' ms';
    return (value / 1000).toFixed(2) + ' s';
  }

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function attributeText(value) {
    return typeof value === 'string' ? value : JSON.stringify(value);
  }

  function showSpan(span) {
    document.getElementById('span-panel-title').textContent = span.name;
    var facts = document.getElementById('span-panel-facts');
    facts.replaceChildren();
    [
      ['Span', span.spanId],
      ['Reads as', span.readsAs],
      ['Kind', span.kind],
      ['Service', span.serviceName],
      ['Status', span.status.code + (span.status.message ? ': ' + span.status.message : '')],
      ['Starts at', '+' + milliseconds(span.startOffsetMs)],
      ['Duration', milliseconds(span.durationMs)],
    ].forEach(function (fact) {
      var wrapper = element('div');
      wrapper.appendChild(element('dt', fact[0]));
      wrapper.appendChild(element('dd', fact[1]));
      facts.appendChild(wrapper);
    });
    var body = document.getElementById('span-attributes');
    body.replaceChildren();
    Object.keys(span.attributes).forEach(function (name) {
      var row = element('tr');
      var nameCell = element('td');
      nameCell.appendChild(element('code', name));
      row.appendChild(nameCell);
      row.appendChild(element('td', attributeText(span.attributes[name]), 'attribute-value'));
      body.appendChild(row);
    });
    var events = document.getElementById('span-events');
    events.replaceChildren();
    if (span.events.length > 0) {
      events.appendChild(element('h3', 'Events'));
      var list = element('ul');
      span.events.forEach(function (event) {
        var item = element('li');
        item.appendChild(element('strong', event.name));
        item.appendChild(document.createTextNode(' '));
        item.appendChild(element('span', attributeText(event.attributes), 'muted'));
        list.appendChild(item);
      });
      events.appendChild(list);
    }
  }

  function setUpTrace(data) {
    var table = document.getElementById('waterfall');
    if (!table) return;
    var spans = {};
    data.spans.forEach(function (span) { spans[span.spanId] = span; });
    table.addEventListener('click', function (event) {
      var link = event.target.closest('a[data-span-id]');
      if (!link) return;
      var span = spans[link.getAttribute('data-span-id')];
      if (!span) return;
      event.preventDefault();
      table.querySelectorAll('tr[aria-selected]').forEach(function (row) { row.removeAttribute('aria-selected'); });
      var row = link.closest('tr');
      if (row) row.setAttribute('aria-selected', 'true');
      showSpan(span);
      history.replaceState(null, '', link.getAttribute('href'));
    });
    table.setAttribute('data-chart-ready', 'true');
  }

  var data = readPageData();
  if (!data) return;
  if (data.chart === 'trends') drawTrends(data);
  else if (data.chart === 'costs') drawCosts(data);
  else if (data.chart === 'trace') setUpTrace(data);
})();
