/**
 * The execution viewer's inline script (plain ES2017, no dependencies). It reads the JSON data
 * block and builds every piece of user text with textContent, never as markup.
 */
export const VIEWER_SCRIPT = String.raw`(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('asl-data').textContent);
  var panel = document.getElementById('asl-details');
  var selected = null;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function pretty(json) {
    try { return JSON.stringify(JSON.parse(json), null, 2); } catch (e) { return json; }
  }
  function badge(status) {
    return el('span', 'asl-badge asl-b-' + status, status.replace('-', ' '));
  }
  function field(parent, label, value, isJson) {
    if (value === undefined || value === null) return;
    var block = el('div', 'asl-field');
    block.appendChild(el('div', 'asl-label', label));
    block.appendChild(el('pre', 'asl-value asl-' + label.toLowerCase(), isJson ? pretty(value) : value));
    parent.appendChild(block);
  }
  function runLink(run) {
    var a = el('button', 'asl-link', run.name);
    a.type = 'button';
    a.addEventListener('click', function () { if (run.node) select(run.node); });
    return a;
  }
  function childList(parent, runs, title) {
    var box = el('div', 'asl-group');
    box.appendChild(el('div', 'asl-label', title));
    var ul = el('ul', 'asl-children');
    runs.forEach(function (r) {
      var li = el('li');
      li.appendChild(runLink(r));
      li.appendChild(document.createTextNode(' '));
      li.appendChild(badge(r.retried > 0 && r.status === 'succeeded' ? 'retried' : r.status));
      li.appendChild(el('span', 'asl-muted', ' ' + r.duration));
      ul.appendChild(li);
    });
    if (runs.length === 0) ul.appendChild(el('li', 'asl-muted', 'nothing ran'));
    box.appendChild(ul);
    parent.appendChild(box);
  }
  function runSection(run, index, total, state) {
    var box = el('section', 'asl-run');
    var outcome = run.retried > 0 && run.status === 'succeeded' ? 'retried' : run.status;
    var head = el('h3', null, total > 1 ? 'Run ' + (index + 1) + ' ' : '');
    head.appendChild(badge(outcome));
    head.appendChild(el('span', 'asl-muted', ' ' + run.duration + ' at ' + run.at));
    box.appendChild(head);
    if (run.where) box.appendChild(el('div', 'asl-where', 'in ' + run.where));
    if (run.retries.length > 0) {
      var retries = el('div', 'asl-group asl-retries');
      retries.appendChild(el('div', 'asl-label', 'Retries (' + run.retries.length + ')'));
      var ol = el('ol');
      run.retries.forEach(function (r) {
        var li = el('li');
        li.appendChild(el('strong', null, r.error || 'error'));
        li.appendChild(el('span', 'asl-muted', ' at ' + r.at));
        if (r.cause) li.appendChild(el('pre', 'asl-value', pretty(r.cause)));
        ol.appendChild(li);
      });
      retries.appendChild(ol);
      box.appendChild(retries);
    }
    field(box, 'Error', run.error, false);
    // Lambda causes are JSON (errorMessage, stackTrace): shown indented when they parse.
    field(box, 'Cause', run.cause, true);
    var kids = run.children.map(function (id) { return data.runs[id]; });
    if (run.iterations) {
      run.iterations.forEach(function (it) {
        childList(box, kids.filter(function (k) { return k.iteration === it.index; }), 'Iteration ' + it.index + ' · ' + it.status + (it.duration ? ' · ' + it.duration : ''));
      });
      if (run.iterations.length === 0) box.appendChild(el('div', 'asl-muted', 'No iterations.'));
    }
    if (state.branches) {
      for (var b = 0; b < state.branches; b++) {
        childList(box, kids.filter(function (k) { return k.branch === b; }), 'Branch ' + (b + 1));
      }
    }
    field(box, 'Input', run.input, true);
    field(box, 'Output', run.output, true);
    return box;
  }
  function select(nodeId) {
    var state = data.states[nodeId];
    if (!state) return;
    if (selected) selected.classList.remove('asl-selected');
    selected = document.querySelector('[data-node="' + nodeId + '"]');
    if (selected) selected.classList.add('asl-selected');
    panel.textContent = '';
    var h = el('h2', null, state.name + ' ');
    h.appendChild(badge(state.outcome));
    panel.appendChild(h);
    panel.appendChild(el('div', 'asl-muted', state.type + ' state · ' + (state.runs.length === 1 ? '1 run' : state.runs.length + ' runs')));
    if (state.runs.length === 0) panel.appendChild(el('p', null, 'This state did not run.'));
    state.runs.forEach(function (id, i) { panel.appendChild(runSection(data.runs[id], i, state.runs.length, state)); });
    panel.scrollTop = 0;
  }
  function timeline() {
    var box = document.getElementById('asl-gantt');
    var total = data.total > 0 ? data.total : 1;
    data.runs.slice(0, 1000).forEach(function (run) {
      var row = el('button', 'asl-row');
      row.type = 'button';
      var name = el('span', 'asl-row-name', run.name);
      if (run.where) name.appendChild(el('span', 'asl-muted', ' · ' + run.where));
      row.appendChild(name);
      var track = el('span', 'asl-track');
      var bar = el('span', 'asl-bar asl-b-' + (run.retried > 0 && run.status === 'succeeded' ? 'retried' : run.status));
      bar.style.left = (100 * run.start / total) + '%';
      bar.style.width = Math.max(0.4, 100 * (run.end - run.start) / total) + '%';
      track.appendChild(bar);
      row.appendChild(track);
      row.appendChild(el('span', 'asl-row-time', run.duration));
      row.addEventListener('click', function () { if (run.node) select(run.node); });
      box.appendChild(row);
    });
    if (data.runs.length > 1000) box.appendChild(el('div', 'asl-muted', (data.runs.length - 1000) + ' more state runs are not listed.'));
    var body = document.getElementById('asl-events');
    data.events.forEach(function (e) {
      var tr = el('tr');
      tr.appendChild(el('td', 'asl-num', e.id));
      tr.appendChild(el('td', null, e.at));
      tr.appendChild(el('td', null, e.type));
      var td = el('td');
      if (e.run !== undefined) td.appendChild(runLink(data.runs[e.run]));
      tr.appendChild(td);
      tr.appendChild(el('td', null, e.note || ''));
      body.appendChild(tr);
    });
    if (data.eventsOmitted > 0) {
      var more = el('tr');
      var cell = el('td', 'asl-muted', data.eventsOmitted + ' more events are not listed.');
      cell.colSpan = 5;
      more.appendChild(cell);
      body.appendChild(more);
    }
  }
  function execution() {
    var box = document.getElementById('asl-execution');
    field(box, 'Error', data.error, false);
    field(box, 'Cause', data.cause, true);
    field(box, 'Input', data.input, true);
    field(box, 'Output', data.output, true);
  }
  Array.prototype.forEach.call(document.querySelectorAll('.asl-state[data-node]'), function (g) {
    g.addEventListener('click', function () { select(g.getAttribute('data-node')); });
    g.addEventListener('keydown', function (ev) { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); select(g.getAttribute('data-node')); } });
  });
  execution();
  timeline();
})();`;
