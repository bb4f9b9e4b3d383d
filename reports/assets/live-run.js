// Follows a run's progress on its page over server-sent events: updates the progress bar and counts,
// and adds a row for each finished case (built with textContent, never HTML from data). It closes
// the stream once the run has ended; for a run another process is running, the server's retry
// delay has the browser ask again.
(function () {
  'use strict';

  var dataElement = document.getElementById('page-data');
  if (!dataElement || typeof EventSource !== 'function') return;
  var page;
  try {
    page = JSON.parse(dataElement.textContent || 'null');
  } catch (error) {
    return;
  }
  if (!page || !page.eventsUrl || (page.status !== 'running' && !page.live)) return;

  var progress = document.getElementById('run-progress');
  var state = document.getElementById('live-state');
  var body = document.getElementById('results-body');
  var counts = { done: 0, total: 0, passed: 0, failed: 0, errors: 0 };

  function setCount(name, value) {
    counts[name] = value;
    var node = document.querySelector('[data-count="' + name + '"]');
    if (node) node.textContent = Number(value).toLocaleString('en-US');
  }

  function render() {
    if (progress) {
      progress.max = Math.max(counts.total, 1);
      progress.value = counts.done;
    }
  }

  function cell(text, className) {
    var node = document.createElement('td');
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }

  function link(href, text) {
    var node = document.createElement('a');
    node.href = href;
    node.textContent = text;
    return node;
  }

  function usd(value) {
    if (value === undefined || value === null) return '—';
    return '$' + (Math.abs(value) >= 1 ? value.toFixed(2) : value.toFixed(4));
  }

  function shown(row) {
    var filter = page.filter || {};
    if (filter.case && filter.case !== row.caseId) return false;
    if (filter.agent && filter.agent !== row.agent) return false;
    if (filter.model && filter.model !== row.model) return false;
    if (filter.status === 'flaky') return false;
    return !filter.status || filter.status === row.status;
  }

  function addRow(row) {
    if (!body || !shown(row)) return;
    var tr = document.createElement('tr');
    tr.className = 'live-row';
    tr.setAttribute('data-status', row.status);
    var caseCell = cell();
    caseCell.appendChild(link('/cases/' + encodeURIComponent(row.caseId) + '?agent=' + encodeURIComponent(row.agent) + '&model=' + encodeURIComponent(row.model), row.caseId));
    tr.appendChild(caseCell);
    tr.appendChild(cell(row.agent));
    tr.appendChild(cell(row.model));
    tr.appendChild(cell(String(row.epoch), 'number'));
    var statusCell = cell();
    var status = document.createElement('span');
    status.className = 'status status-' + row.status;
    status.textContent = row.status;
    statusCell.appendChild(status);
    tr.appendChild(statusCell);
    var details = cell(undefined, 'details');
    var reasons = (row.error ? [row.error.code + ': ' + row.error.message] : []).concat(row.failedChecks.map(function (check) { return check.check + ': ' + check.reason; }));
    if (reasons.length > 0) {
      var list = document.createElement('ul');
      list.className = 'reasons';
      reasons.forEach(function (reason) {
        var item = document.createElement('li');
        item.textContent = reason;
        list.appendChild(item);
      });
      details.appendChild(list);
    } else {
      details.textContent = row.checkCount + ' checks passed';
    }
    tr.appendChild(details);
    tr.appendChild(cell(Number(row.inputTokens + row.outputTokens).toLocaleString('en-US'), 'number'));
    tr.appendChild(cell(usd(row.costUsd), 'number'));
    tr.appendChild(cell(Math.round(row.latencyMs) + ' ms', 'number'));
    var traceCell = cell();
    if (row.traceId) traceCell.appendChild(link('/traces/' + encodeURIComponent(row.traceId), 'trace'));
    else traceCell.textContent = '—';
    tr.appendChild(traceCell);
    body.insertBefore(tr, body.firstChild);
    var empty = document.getElementById('results-empty');
    if (empty) empty.remove();
  }

  var source = new EventSource(page.eventsUrl);
  source.addEventListener('snapshot', function (event) {
    var snapshot = JSON.parse(event.data);
    ['done', 'total', 'passed', 'failed', 'errors'].forEach(function (name) { setCount(name, snapshot[name]); });
    render();
    if (state) state.textContent = snapshot.live ? 'live' : snapshot.status;
    if (!snapshot.live && snapshot.status !== 'running') source.close();
  });
  source.addEventListener('eval-start', function (event) {
    var start = JSON.parse(event.data);
    setCount('total', start.total);
    setCount('done', start.alreadyDone);
    render();
  });
  source.addEventListener('case-end', function (event) {
    var end = JSON.parse(event.data);
    setCount('done', end.done);
    setCount('total', end.total);
    var key = end.result.status === 'pass' ? 'passed' : end.result.status === 'fail' ? 'failed' : 'errors';
    setCount(key, counts[key] + 1);
    render();
    addRow(end.result);
  });
  source.addEventListener('eval-end', function (event) {
    var end = JSON.parse(event.data);
    setCount('done', end.done);
    setCount('total', end.total);
    render();
    if (state) state.textContent = end.interrupted ? 'interrupted: reload for the summary' : 'finished: reload for the summary';
    source.close();
  });
})();
