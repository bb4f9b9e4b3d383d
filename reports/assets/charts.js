// Draws the pages' charts and wires the trace waterfall and the compare page's pickers, from the JSON
// in <script id="page-data">.
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

  // Trends. Days are numbers (days since 1970-01-01, UTC) on a linear axis, so a run or two sits in the
  // middle of a week rather than glued to an edge, without a date adapter. A series' colour is a hue
  // per model and a lightness per agent, its dash and marker per agent: distinct for any 8 × 4 and
  // still distinct beyond (golden-angle hues, half-step lightnesses).

  var millisecondsPerDay = 86400000;
  var monthNames = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  var weekdayNames = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  var modelHues = [212, 2, 135, 275, 28, 185, 320, 50];
  var agentLightness = [42, 28, 56, 68];
  var agentDashes = [[], [7, 4], [2, 3], [10, 3, 2, 3]];
  var agentMarkers = ['circle', 'rect', 'triangle', 'rectRot', 'star', 'crossRot'];
  /** At most this many days shown: markers are large and values are written beside them. */
  var fewDays = 3;

  function dayNumber(label) {
    return Math.round(Date.parse(label + 'T00:00:00Z') / millisecondsPerDay);
  }

  function dayDate(number) {
    return new Date(Math.round(number) * millisecondsPerDay);
  }

  function dayTick(number) {
    var date = dayDate(number);
    return monthNames[date.getUTCMonth()] + ' ' + date.getUTCDate();
  }

  function dayTitle(number) {
    var date = dayDate(number);
    return weekdayNames[date.getUTCDay()] + ' ' + date.toISOString().slice(0, 10);
  }

  function seriesHue(modelIndex) {
    return modelIndex < modelHues.length ? modelHues[modelIndex] : Math.round(((modelIndex * 137.508) % 360) * 10) / 10;
  }

  function seriesLightness(agentIndex) {
    return agentIndex < agentLightness.length ? agentLightness[agentIndex] : 34.5 + ((agentIndex - agentLightness.length) * 7) % 36;
  }

  function hsla(hue, lightness, alpha) {
    return 'hsla(' + hue + ', 72%, ' + lightness + '%, ' + alpha + ')';
  }

  /** Colour, dash and marker of each series, by its model and agent. */
  function seriesStyles(seriesList) {
    var models = [];
    var agents = [];
    seriesList.forEach(function (series) {
      if (models.indexOf(series.model) < 0) models.push(series.model);
      if (agents.indexOf(series.agent) < 0) agents.push(series.agent);
    });
    return seriesList.map(function (series) {
      var modelIndex = models.indexOf(series.model);
      var agentIndex = agents.indexOf(series.agent);
      var hue = seriesHue(modelIndex);
      var lightness = seriesLightness(agentIndex);
      return {
        color: hsla(hue, lightness, 1),
        band: function (alpha) { return hsla(hue, lightness, alpha); },
        whisker: hsla(hue, lightness, 0.7),
        dash: agentDashes[agentIndex % agentDashes.length],
        marker: agentMarkers[agentIndex % agentMarkers.length],
      };
    });
  }

  function compactCount(value) {
    if (Math.abs(value) >= 1e6) return Number((value / 1e6).toPrecision(3)) + 'M';
    if (Math.abs(value) >= 1e3) return Number((value / 1e3).toPrecision(3)) + 'k';
    return String(Math.round(value));
  }

  function percentText(rate) {
    return (rate * 100).toFixed(1) + '%';
  }

  function intervalText(interval) {
    if (!interval || interval.rate === null || interval.rate === undefined || !isFinite(interval.rate)) return 'no graded results';
    return percentText(interval.rate) + ' [' + (interval.lower * 100).toFixed(1) + '–' + (interval.upper * 100).toFixed(1) + ']';
  }

  function countsText(point) {
    return 'pass ' + point.passed.toLocaleString('en-US') + ' · fail ' + point.failed.toLocaleString('en-US') + ' · error ' + point.errors.toLocaleString('en-US') + (point.runs > 1 ? ' · ' + point.runs + ' runs' : '');
  }

  /** The x range: at least a week, centred on the data, and half a day of margin past the ends. */
  function dayRange(dayLabels) {
    var numbers = dayLabels.map(dayNumber);
    var first = Math.min.apply(null, numbers);
    var last = Math.max.apply(null, numbers);
    var width = Math.max(last - first + 1, 7);
    var margin = (width - (last - first)) / 2;
    return { min: first - margin, max: last + margin, days: numbers.length };
  }

  function dayAxis(range) {
    return {
      type: 'linear',
      min: range.min,
      max: range.max,
      grid: { color: 'rgba(0, 0, 0, 0.06)' },
      // A tick on each day (or every few days over a long range), never on the ends, which sit half a day out.
      afterBuildTicks: function (axis) {
        var first = Math.ceil(range.min);
        var last = Math.floor(range.max);
        var step = Math.max(1, Math.ceil((last - first + 1) / 14));
        var ticks = [];
        for (var day = first; day <= last; day += step) ticks.push({ value: day });
        axis.ticks = ticks;
      },
      ticks: {
        maxRotation: 0,
        autoSkipPadding: 12,
        callback: function (value) { return Number.isInteger(value) ? dayTick(value) : ''; },
      },
    };
  }

  /** The point of a visible series (never a band) nearest the pointer, within 40 px: one tooltip per point. */
  function nearestSeriesPoint(chart, event, options, useFinalPosition) {
    var position = window.Chart.helpers.getRelativePosition(event, chart);
    var best = null;
    chart.data.datasets.forEach(function (dataset, datasetIndex) {
      if (dataset.bandOf !== undefined || !chart.isDatasetVisible(datasetIndex)) return;
      chart.getDatasetMeta(datasetIndex).data.forEach(function (element, index) {
        if (element.skip) return;
        var center = element.getProps(['x', 'y'], useFinalPosition);
        var distance = Math.pow(center.x - position.x, 2) + Math.pow(center.y - position.y, 2);
        if (!best || distance < best.distance) best = { element: element, datasetIndex: datasetIndex, index: index, distance: distance };
      });
    });
    return best && best.distance <= 40 * 40 ? [{ element: best.element, datasetIndex: best.datasetIndex, index: best.index }] : [];
  }

  var trendCharts = [];

  /** Legend entries for the series only; a click hides or shows a series, with its band, on every trends chart. */
  function seriesLegend() {
    return {
      position: 'right',
      align: 'start',
      labels: {
        usePointStyle: true,
        boxWidth: 10,
        boxHeight: 10,
        padding: 8,
        font: { size: 11 },
        filter: function (item, data) { return data.datasets[item.datasetIndex].bandOf === undefined; },
      },
      onClick: function (event, item, legend) {
        var series = legend.chart.data.datasets[item.datasetIndex].series;
        var visible = !legend.chart.isDatasetVisible(item.datasetIndex);
        trendCharts.forEach(function (chart) {
          chart.data.datasets.forEach(function (dataset, index) {
            if (dataset.series === series) chart.setDatasetVisibility(index, visible);
          });
          chart.update();
        });
      },
    };
  }

  /** Writes each visible point's value above it (used when there are few days), skipping labels that would overlap. */
  function valueLabelsPlugin(format) {
    return {
      id: 'agentlabValueLabels',
      afterDatasetsDraw: function (chart) {
        var context = chart.ctx;
        var placed = [];
        var area = chart.chartArea;
        context.save();
        context.font = '600 11px system-ui, sans-serif';
        context.textAlign = 'center';
        context.textBaseline = 'bottom';
        context.lineJoin = 'round';
        chart.data.datasets.forEach(function (dataset, datasetIndex) {
          if (dataset.bandOf !== undefined || !chart.isDatasetVisible(datasetIndex)) return;
          chart.getDatasetMeta(datasetIndex).data.forEach(function (element, index) {
            var raw = dataset.data[index];
            if (element.skip || !raw || raw.y === null || raw.y === undefined) return;
            var text = format(raw.y);
            var width = context.measureText(text).width + 4;
            var box = { left: element.x - width / 2, right: element.x + width / 2, bottom: element.y - (dataset.pointRadius || 3) - 3 };
            box.top = box.bottom - 13;
            if (box.top < area.top - 12) { box.top = element.y + (dataset.pointRadius || 3) + 3; box.bottom = box.top + 13; }
            var overlaps = placed.some(function (other) { return box.left < other.right && other.left < box.right && box.top < other.bottom && other.top < box.bottom; });
            if (overlaps) return;
            placed.push(box);
            context.lineWidth = 3;
            context.strokeStyle = 'rgba(255, 255, 255, 0.9)';
            context.strokeText(text, element.x, box.bottom);
            context.fillStyle = dataset.borderColor;
            context.fillText(text, element.x, box.bottom);
          });
        });
        context.restore();
      },
    };
  }

  /** With few days a band is a sliver or nothing: each interval is also drawn as a whisker through its point. */
  var whiskersPlugin = {
    id: 'agentlabWhiskers',
    beforeDatasetsDraw: function (chart) {
      var context = chart.ctx;
      var scale = chart.scales.y;
      context.save();
      context.lineWidth = 1.5;
      chart.data.datasets.forEach(function (dataset, datasetIndex) {
        if (dataset.bandOf !== undefined || !chart.isDatasetVisible(datasetIndex)) return;
        chart.getDatasetMeta(datasetIndex).data.forEach(function (element, index) {
          var raw = dataset.data[index];
          if (element.skip || !raw || !raw.point) return;
          var interval = raw.point.successRate;
          var top = scale.getPixelForValue(interval.upper);
          var bottom = scale.getPixelForValue(interval.lower);
          context.strokeStyle = dataset.whiskerColor;
          context.beginPath();
          context.moveTo(element.x, top);
          context.lineTo(element.x, bottom);
          context.moveTo(element.x - 4, top);
          context.lineTo(element.x + 4, top);
          context.moveTo(element.x - 4, bottom);
          context.lineTo(element.x + 4, bottom);
          context.stroke();
        });
      });
      context.restore();
    },
  };

  function seriesName(series) {
    return series.model + ' · ' + series.agent;
  }

  function lineDataset(series, index, style, few, data) {
    return {
      label: seriesName(series),
      series: index,
      data: data,
      borderColor: style.color,
      backgroundColor: style.color,
      borderDash: style.dash,
      borderWidth: 2,
      pointStyle: style.marker,
      pointRadius: few ? 6 : 3.5,
      pointHoverRadius: few ? 8 : 6,
      pointBorderColor: '#fff',
      pointBorderWidth: 1,
      whiskerColor: style.whisker,
      // Points at 0% and 100% sit on the chart's edge: drawn whole rather than cut in half.
      clip: 10,
      fill: false,
      spanGaps: true,
    };
  }

  function pointsOf(series, pick, offset) {
    return series.points.map(function (point) {
      var value = pick(point);
      var present = value !== undefined && value !== null && !(typeof value === 'number' && !isFinite(value));
      return { x: dayNumber(point.day) + offset, y: present ? value : null, point: point };
    });
  }

  /** Marks the series under the pointer (a point or a legend entry) so its band stands out; redraws only on a change. */
  function focusSeries(chart, series) {
    if (chart.$agentlabFocus === series) return;
    chart.$agentlabFocus = series;
    chart.update('none');
  }

  function trendOptions(range, few, yAxis, describe) {
    var legend = seriesLegend();
    legend.onHover = function (event, item, legendElement) { focusSeries(legendElement.chart, legendElement.chart.data.datasets[item.datasetIndex].series); };
    legend.onLeave = function (event, item, legendElement) { focusSeries(legendElement.chart, null); };
    return {
      scales: { x: dayAxis(range), y: yAxis },
      interaction: { mode: 'agentlabSeriesPoint', intersect: false },
      layout: { padding: { top: few ? 16 : 8 } },
      onHover: function (event, active, chart) { focusSeries(chart, active.length ? chart.data.datasets[active[0].datasetIndex].series : null); },
      plugins: {
        legend: legend,
        tooltip: {
          displayColors: true,
          usePointStyle: true,
          filter: function (item) { return item.dataset.bandOf === undefined; },
          callbacks: {
            title: function (items) { return items.length ? dayTitle(dayNumber(items[0].raw.point.day)) : ''; },
            label: function (context) { return context.dataset.label; },
            afterLabel: function (context) { return describe(context.raw.point); },
          },
        },
      },
    };
  }

  /** A band is faint when many series are shown, strong for the series under the pointer, fainter still for the others then. */
  function bandColor(series, style) {
    return function (context) {
      var chart = context.chart;
      var focus = chart.$agentlabFocus;
      if (focus !== undefined && focus !== null) return style.band(focus === series ? 0.3 : 0.015);
      var shown = chart.data.datasets.filter(function (dataset, index) { return dataset.bandOf === undefined && chart.isDatasetVisible(index); }).length;
      return style.band(shown > 8 ? 0.045 : shown > 3 ? 0.1 : 0.2);
    };
  }

  /** A series' points from the columns the page sends (reports/pages/trend-columns.ts). */
  function pointsFromColumns(columns) {
    return columns.day.map(function (day, index) {
      return {
        day: day,
        runs: columns.runs[index],
        passed: columns.passed[index],
        failed: columns.failed[index],
        errors: columns.errors[index],
        successRate: { rate: columns.rate[index], lower: columns.lower[index], upper: columns.upper[index] },
        tokens: columns.tokens[index],
        costUsd: columns.costUsd[index],
      };
    });
  }

  function drawTrends(data) {
    if (!data.series.length || typeof window.Chart !== 'function') return;
    data.series.forEach(function (series) { series.points = pointsFromColumns(series.columns); });
    window.Chart.Interaction.modes.agentlabSeriesPoint = nearestSeriesPoint;
    var range = dayRange(data.dayLabels);
    var few = range.days <= fewDays;
    var styles = seriesStyles(data.series);
    // Series side by side within their day, on every chart, so points and intervals at the same value do not hide each other.
    var step = Math.min(0.08, 0.6 / data.series.length);
    var successSets = [];
    var tokenSets = [];
    var costSets = [];
    data.series.forEach(function (series, index) {
      var style = styles[index];
      var offset = (index - (data.series.length - 1) / 2) * step;
      var graded = function (pick) { return function (point) { return point.passed + point.failed > 0 ? pick(point.successRate) : null; }; };
      // The band is two datasets: the lower bound, then the upper bound filled down to it.
      successSets.push({ label: seriesName(series) + ' lower bound', series: index, bandOf: index, data: pointsOf(series, graded(function (rate) { return rate.lower; }), offset), borderWidth: 0, pointRadius: 0, pointHoverRadius: 0, pointHitRadius: 0, fill: false, spanGaps: true });
      successSets.push({ label: seriesName(series) + ' 95% interval', series: index, bandOf: index, data: pointsOf(series, graded(function (rate) { return rate.upper; }), offset), borderWidth: 0, pointRadius: 0, pointHoverRadius: 0, pointHitRadius: 0, fill: '-1', backgroundColor: bandColor(index, style), spanGaps: true });
      successSets.push(lineDataset(series, index, style, few, pointsOf(series, graded(function (rate) { return rate.rate; }), offset)));
      tokenSets.push(lineDataset(series, index, style, few, pointsOf(series, function (point) { return point.tokens; }, offset)));
      costSets.push(lineDataset(series, index, style, few, pointsOf(series, function (point) { return point.costUsd; }, offset)));
    });
    var labels = function (format) { return few ? [valueLabelsPlugin(format)] : []; };
    trendCharts.push(draw('chart-success', {
      type: 'line',
      data: { datasets: successSets },
      options: trendOptions(range, few, percentAxis(), function (point) { return ['success ' + intervalText(point.successRate), countsText(point)]; }),
      plugins: labels(function (value) { return Math.round(value * 100) + '%'; }).concat(few ? [whiskersPlugin] : []),
    }));
    trendCharts.push(draw('chart-tokens', {
      type: 'line',
      data: { datasets: tokenSets },
      options: trendOptions(range, few, { beginAtZero: true, ticks: { callback: compactCount } }, function (point) { return [point.tokens.toLocaleString('en-US') + ' tokens', countsText(point), 'success ' + intervalText(point.successRate)]; }),
      plugins: labels(compactCount),
    }));
    trendCharts.push(draw('chart-cost', {
      type: 'line',
      data: { datasets: costSets },
      options: trendOptions(range, few, { beginAtZero: true, ticks: { callback: usdTick } }, function (point) { return [usd(point.costUsd), countsText(point), 'success ' + intervalText(point.successRate)]; }),
      plugins: labels(usdTick),
    }));
    trendCharts = trendCharts.filter(Boolean);
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

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function prettyJson(value) {
    try {
      return JSON.stringify(JSON.parse(value), null, 2);
    } catch (error) {
      return String(value);
    }
  }

  /** A folded block: its summary line, then its text in a <pre> (JSON values, stack traces). */
  function folded(className, summary, text) {
    var details = element('details', undefined, className);
    details.appendChild(element('summary', summary));
    details.appendChild(element('pre', text));
    return details;
  }

  /**
   * The span panel from the panel the server laid out (pages/trace-span-panel.ts), as
   * views/partials/span-panel.eta draws it: figures formatted, JSON values and stacks folded.
   */
  function showSpan(span) {
    var panel = span.panel;
    document.getElementById('span-panel-title').textContent = panel.name;
    var facts = document.getElementById('span-panel-facts');
    facts.replaceChildren();
    panel.facts.forEach(function (fact) {
      var wrapper = element('div');
      wrapper.appendChild(element('dt', fact.label));
      wrapper.appendChild(element('dd', fact.text));
      facts.appendChild(wrapper);
    });
    var body = document.getElementById('span-attributes');
    body.replaceChildren();
    panel.attributes.forEach(function (attribute) {
      var row = element('tr');
      var nameCell = element('td');
      nameCell.appendChild(element('code', attribute.name));
      row.appendChild(nameCell);
      var valueCell = element('td', undefined, 'attribute-value');
      if (attribute.json) valueCell.appendChild(folded('json-value', attribute.summary, prettyJson(span.attributes[attribute.name])));
      else valueCell.textContent = attribute.text;
      row.appendChild(valueCell);
      body.appendChild(row);
    });
    var events = document.getElementById('span-events');
    events.replaceChildren();
    if (panel.events.length > 0) {
      events.appendChild(element('h3', 'Events'));
      var list = element('ul', undefined, 'span-events');
      panel.events.forEach(function (event) {
        var item = element('li', undefined, event.exception ? 'span-event exception' : 'span-event');
        item.appendChild(element('strong', event.title));
        if (event.message !== undefined) {
          item.appendChild(document.createTextNode(': '));
          item.appendChild(element('span', event.message, 'exception-message'));
        }
        if (event.detail) {
          item.appendChild(document.createTextNode(' '));
          item.appendChild(element('span', event.detail, 'muted'));
        }
        if (event.stack) item.appendChild(folded('stack', 'Stack trace', event.stack));
        list.appendChild(item);
      });
      events.appendChild(list);
    }
    var raw = document.getElementById('span-raw-json');
    if (raw) raw.textContent = JSON.stringify({ attributes: span.attributes, events: span.events }, null, 2);
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

  /** Keeps a select's choice when the new list still has it, else takes the fallback. */
  function fillSelect(select, values, fallback) {
    var previous = select.value;
    select.replaceChildren();
    values.forEach(function (value) {
      var option = document.createElement('option');
      option.value = value;
      option.textContent = value;
      select.appendChild(option);
    });
    select.value = values.indexOf(previous) >= 0 ? previous : fallback;
  }

  /** The compare page's model selects follow its run select: the chosen run's models, two different ones. */
  function setUpCompare(data) {
    var runSelect = document.getElementById('compare-run');
    var modelA = document.getElementById('compare-model-a');
    var modelB = document.getElementById('compare-model-b');
    if (!runSelect || !modelA || !modelB) return;
    var modelsByRun = {};
    data.runs.forEach(function (run) { modelsByRun[run.id] = run.models; });
    var chosen = { a: modelA.value, b: modelB.value };
    // Choosing on one side the model the other side has swaps them, so the two always differ.
    function keepApart(changed, other, changedKey, otherKey) {
      if (changed.value === other.value) other.value = chosen[changedKey];
      chosen[changedKey] = changed.value;
      chosen[otherKey] = other.value;
    }
    modelA.addEventListener('change', function () { keepApart(modelA, modelB, 'a', 'b'); });
    modelB.addEventListener('change', function () { keepApart(modelB, modelA, 'b', 'a'); });
    runSelect.addEventListener('change', function () {
      var models = modelsByRun[runSelect.value] || [];
      fillSelect(modelA, models, models[0]);
      fillSelect(modelB, models, models[1]);
      if (modelA.value === modelB.value) modelB.value = models.filter(function (model) { return model !== modelA.value; })[0];
      chosen = { a: modelA.value, b: modelB.value };
    });
    runSelect.setAttribute('data-ready', 'true');
  }

  var data = readPageData();
  if (!data) return;
  if (data.chart === 'trends') drawTrends(data);
  else if (data.chart === 'costs') drawCosts(data);
  else if (data.chart === 'trace') setUpTrace(data);
  else if (data.chart === 'compare') setUpCompare(data);
})();
