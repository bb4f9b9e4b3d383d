// Follows a run's progress on its page over server-sent events. Three things move together:
// - the progress bar and its counts, from each event;
// - a row (with its expandable case card) for each finished case that matches the page's filter,
//   on the first page only, built with textContent, never HTML from event data;
// - the figures computed over the whole run or the filter (the run's facts, the summary table, the
//   status tabs, the result count and the pager): after a finished case the page fetches itself
//   again, at most once every `refreshMs` and one request at a time, and swaps those regions
//   (marked data-live-region) for the server's own rendering, so a live page shows exactly what a
//   reload would and nothing is formatted twice.
// It closes the stream once the run has ended; for a run another process is running, the server's
// retry delay has the browser ask again, and each answer refreshes the figures.
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
  var columnCount = 10;

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

  // Figures of the whole run and of the filter: the server renders them, the page swaps them in.

  var refreshMs = typeof page.refreshMs === 'number' ? page.refreshMs : 1000;
  var refresh = { timer: undefined, running: false, wanted: false, last: 0 };

  function refreshFigures() {
    refresh.wanted = true;
    if (refresh.running || refresh.timer !== undefined) return;
    refresh.timer = setTimeout(loadFigures, Math.max(0, refresh.last + refreshMs - Date.now()));
  }

  function loadFigures() {
    refresh.timer = undefined;
    refresh.wanted = false;
    refresh.running = true;
    refresh.last = Date.now();
    fetch(location.pathname + location.search, { headers: { Accept: 'text/html' }, cache: 'no-store', credentials: 'same-origin' })
      .then(function (response) {
        if (!response.ok) throw new Error('the page answered ' + response.status);
        return response.text();
      })
      .then(swapRegions)
      // A failed refresh leaves the figures as they were; the next event asks again.
      .catch(function () {})
      .then(function () {
        refresh.running = false;
        if (refresh.wanted) refreshFigures();
      });
  }

  function swapRegions(html) {
    // A parsed document runs no script and loads nothing; its markup is the server's escaped rendering.
    var fresh = new DOMParser().parseFromString(html, 'text/html');
    var regions = document.querySelectorAll('[data-live-region]');
    for (var index = 0; index < regions.length; index++) {
      var region = regions[index];
      var replacement = region.id ? fresh.getElementById(region.id) : null;
      if (replacement) region.replaceWith(document.importNode(replacement, true));
    }
    document.documentElement.setAttribute('data-figures-refreshed', String(counts.done));
  }

  // Rows of finished cases.

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function cell(text, className) {
    return element('td', className, text);
  }

  function link(href, text) {
    var node = element('a', undefined, text);
    node.href = href;
    return node;
  }

  function withQuery(path, query) {
    var parameters = new URLSearchParams();
    Object.keys(query).forEach(function (name) {
      if (query[name] !== undefined && query[name] !== '') parameters.set(name, String(query[name]));
    });
    var text = parameters.toString();
    return text ? path + '?' + text : path;
  }

  // As reports/view-format.ts writes them.
  function present(value) {
    return typeof value === 'number' && isFinite(value);
  }
  function count(value) {
    return present(value) ? Math.round(value).toLocaleString('en-US') : '—';
  }
  function usd(value) {
    if (!present(value)) return '—';
    return '$' + (Math.abs(value) >= 1 ? value.toFixed(2) : value.toFixed(4));
  }
  function milliseconds(value) {
    if (!present(value)) return '—';
    if (value < 10) return value.toFixed(1) + ' ms';
    if (value < 1000) return Math.round(value) + ' ms';
    return (value / 1000).toFixed(2) + ' s';
  }

  function rowKey(row) {
    return JSON.stringify([row.caseId, row.agent, row.model, row.epoch]);
  }

  /** Whether the row belongs on this page: the first page, under its filter (text as far as the row carries it). */
  function shown(row) {
    if (page.page !== undefined && page.page !== 1) return false;
    var filter = page.filter || {};
    if (filter.case && filter.case !== row.caseId) return false;
    if (filter.agent && filter.agent !== row.agent) return false;
    if (filter.model && filter.model !== row.model) return false;
    if (filter.tag && (row.tags || []).indexOf(filter.tag) < 0) return false;
    // Whether a cell is flaky depends on its other epochs: the refreshed tabs and count say.
    if (filter.status === 'flaky') return false;
    if (filter.status && filter.status !== row.status) return false;
    if (filter.q) {
      var texts = [row.caseId, row.outputPreview];
      if (row.error) texts.push(row.error.code, row.error.message);
      ((row.card && row.card.checks) || row.failedChecks || []).forEach(function (check) { texts.push(check.reason); });
      var needle = filter.q.toLowerCase();
      if (!texts.some(function (text) { return typeof text === 'string' && text.toLowerCase().indexOf(needle) >= 0; })) return false;
    }
    return true;
  }

  function reasonsCell(row) {
    var details = cell(undefined, 'details');
    if (!row.error && row.failedChecks.length === 0) {
      details.appendChild(element('span', 'muted', row.checkCount + ' checks passed'));
      return details;
    }
    var list = element('ul', 'reasons');
    function reason(name, text, className) {
      var item = element('li', className);
      item.appendChild(element('strong', undefined, name));
      item.appendChild(document.createTextNode(': ' + text));
      list.appendChild(item);
    }
    if (row.error) reason(row.error.code, row.error.message, 'error-reason');
    row.failedChecks.forEach(function (check) { reason(check.check, check.reason); });
    details.appendChild(list);
    return details;
  }

  /** The case card as views/partials/case-card.eta draws it. */
  function caseCard(card) {
    var box = element('div', 'case-card');
    if (card.goal === undefined) {
      var missing = element('p', 'muted', 'The goal and expectations of ');
      missing.appendChild(element('code', undefined, card.caseId));
      missing.appendChild(document.createTextNode(' were not recorded for this run (it was stored before agentlab kept case definitions).'));
      box.appendChild(missing);
    } else {
      var goal = element('p', 'case-goal');
      goal.appendChild(element('span', 'label', 'Goal'));
      goal.appendChild(document.createTextNode(' ' + card.goal));
      box.appendChild(goal);
      if (card.expectations.length > 0) {
        var lines = element('dl', 'expectations');
        card.expectations.forEach(function (line) {
          var entry = element('div');
          entry.appendChild(element('dt', undefined, line.label));
          var text = element('dd', undefined, line.text);
          if (line.detail) text.appendChild(element('pre', 'json', line.detail));
          entry.appendChild(text);
          lines.appendChild(entry);
        });
        box.appendChild(lines);
      } else {
        box.appendChild(element('p', 'muted', 'No expectations beyond completing the goal.'));
      }
      if (card.tags.length > 0) {
        var tags = element('p', 'tags');
        card.tags.forEach(function (tag) {
          tags.appendChild(element('span', 'tag', tag));
          tags.appendChild(document.createTextNode(' '));
        });
        box.appendChild(tags);
      }
    }
    if (card.checks.length > 0) {
      var verdicts = element('ul', 'verdicts');
      card.checks.forEach(function (check) {
        var item = element('li', check.passed ? 'check-pass' : 'check-fail');
        item.appendChild(element('span', 'check-mark', check.passed ? '✓' : '✗'));
        item.appendChild(document.createTextNode(' '));
        item.appendChild(element('strong', undefined, check.check));
        item.appendChild(document.createTextNode(' '));
        item.appendChild(element('span', 'reason', check.reason));
        verdicts.appendChild(item);
      });
      box.appendChild(verdicts);
    }
    return box;
  }

  /** The row's expansion as views/partials/result-details.eta draws it. */
  function expansion(row) {
    var box = element('div', 'result-expansion');
    box.appendChild(caseCard(row.card));
    if (row.error) {
      var error = element('p', 'error-reason');
      error.appendChild(element('span', 'label', 'Error'));
      error.appendChild(document.createTextNode(' '));
      error.appendChild(element('strong', undefined, row.error.code));
      error.appendChild(document.createTextNode(': ' + row.error.message));
      box.appendChild(error);
    }
    var output = element('div', 'result-output');
    var label = element('p', 'label', 'Output');
    if (row.outputTruncated) label.appendChild(element('span', 'muted', ' (the first ' + count(row.outputPreview.length) + ' characters)'));
    output.appendChild(label);
    output.appendChild(row.outputPreview ? element('pre', undefined, row.outputPreview) : element('p', 'muted', 'No output.'));
    box.appendChild(output);
    var facts = element('p', 'result-facts muted', 'Agent status ');
    facts.appendChild(element('code', undefined, row.agentStatus));
    facts.appendChild(document.createTextNode(' · tools called: ' + (row.toolsCalled.length > 0 ? row.toolsCalled.join(' → ') : 'none')));
    box.appendChild(facts);
    var links = element('p', 'result-links');
    if (row.traceId) {
      links.appendChild(link('/traces/' + encodeURIComponent(row.traceId), 'Open its trace'));
      links.appendChild(document.createTextNode(' · '));
    }
    links.appendChild(link(withQuery('/cases/' + encodeURIComponent(row.caseId), { agent: row.agent, model: row.model }), 'History of ' + row.caseId + ' on ' + row.agent + ' × ' + row.model));
    links.appendChild(document.createTextNode(' · '));
    links.appendChild(link(withQuery('/runs/' + encodeURIComponent(page.runId), { case: row.caseId }) + '#results', 'Every result of ' + row.caseId + ' in this run'));
    box.appendChild(links);
    return box;
  }

  function addRow(row) {
    if (!body || !shown(row)) return;
    var key = rowKey(row);
    // A cell run again (a resumed run) replaces its row.
    Array.prototype.forEach.call(body.querySelectorAll('tr[data-key]'), function (existing) {
      if (existing.getAttribute('data-key') !== key) return;
      var next = existing.nextElementSibling;
      if (next && next.classList.contains('result-card')) next.remove();
      existing.remove();
    });
    var tr = element('tr', 'result live-row');
    tr.setAttribute('data-status', row.status);
    tr.setAttribute('data-key', key);
    var caseCell = cell(undefined, 'case-cell');
    var toggle = element('details', 'result-toggle');
    var summary = element('summary', undefined, row.caseId);
    summary.title = 'Show the goal, the expectations and every check';
    toggle.appendChild(summary);
    caseCell.appendChild(toggle);
    tr.appendChild(caseCell);
    tr.appendChild(cell(row.agent));
    tr.appendChild(cell(row.model));
    tr.appendChild(cell(String(row.epoch), 'number'));
    var statusCell = cell();
    statusCell.appendChild(element('span', 'status status-' + row.status, row.status));
    tr.appendChild(statusCell);
    tr.appendChild(reasonsCell(row));
    tr.appendChild(cell(count(row.inputTokens + row.outputTokens), 'number'));
    tr.appendChild(cell(usd(row.costUsd), 'number'));
    tr.appendChild(cell(milliseconds(row.latencyMs), 'number'));
    var traceCell = cell(undefined, 'trace-links');
    if (row.traceId) {
      traceCell.appendChild(link('/traces/' + encodeURIComponent(row.traceId), 'trace'));
      traceCell.appendChild(element('br'));
      var transcript = link('/traces/' + encodeURIComponent(row.traceId) + '#transcript-title', 'transcript');
      transcript.className = 'muted';
      traceCell.appendChild(transcript);
    } else traceCell.appendChild(element('span', 'muted', '—'));
    tr.appendChild(traceCell);
    var cardRow = element('tr', 'result-card live-row');
    var cardCell = cell();
    cardCell.colSpan = columnCount;
    cardCell.appendChild(expansion(row));
    cardRow.appendChild(cardCell);
    body.insertBefore(cardRow, body.firstChild);
    body.insertBefore(tr, cardRow);
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
    // Run by another process: each snapshot (one per reconnect) brings the figures up to date.
    if (!snapshot.live) refreshFigures();
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
    refreshFigures();
  });
  source.addEventListener('eval-end', function (event) {
    var end = JSON.parse(event.data);
    setCount('done', end.done);
    setCount('total', end.total);
    render();
    if (state) state.textContent = end.interrupted ? 'interrupted' : 'finished';
    source.close();
    refreshFigures();
  });
})();
