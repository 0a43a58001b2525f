/* tcplint HTML report: draws the summary, the tables and the ladders from the JSON blocks above.
   Every string from a capture is put into the page as a text node, never as markup. */
(function () {
  'use strict';
  var PAGE = 100;
  var SVG = 'http://www.w3.org/2000/svg';
  var files = [];
  document.querySelectorAll('script.tl-file').forEach(function (el) {
    files.push(JSON.parse(el.textContent));
  });
  var summary = JSON.parse(document.getElementById('tl-summary').textContent);
  var convs = [];
  var findings = [];
  var byKey = new Map();
  files.forEach(function (f, fi) {
    f.c.forEach(function (c) {
      var o = { file: fi, stream: c[0], client: c[1], server: c[2], service: c[3], first: c[4],
        last: c[5], packets: c[6], bytes: c[7], open: c[8], close: c[9], state: c[10], n: 0 };
      convs.push(o);
      byKey.set(fi + ':' + c[0], o);
    });
    f.f.forEach(function (x) {
      var o = { file: fi, rule: x[0], sev: x[1], stream: x[2], frame: x[3], dir: x[4], msg: x[5],
        expected: x[6], actual: x[7], offset: x[8] };
      var c = byKey.get(fi + ':' + x[2]);
      if (c) { c.n++; }
      o.conv = c || null;
      findings.push(o);
    });
  });

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) { Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); }); }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function svg(tag, attrs, text) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function num(n) { return n === null || n === undefined ? '' : Number(n).toLocaleString('en-US'); }
  function bytes(n) {
    if (n < 1e3) { return n + ' B'; }
    if (n < 1e6) { return (n / 1e3).toFixed(1) + ' kB'; }
    if (n < 1e9) { return (n / 1e6).toFixed(1) + ' MB'; }
    return (n / 1e9).toFixed(2) + ' GB';
  }

  /* ---- summary ---- */
  document.getElementById('meta').textContent = 'tcplint ' + summary.version + ' \u2014 ' +
    num(summary.files) + (summary.files === 1 ? ' file' : ' files') + ', ' + num(summary.packets) +
    ' packets' + (files.length === 1 ? ': ' + files[0].path : '');
  var cards = document.getElementById('cards');
  [['files', summary.files, ''], ['packets', summary.packets, ''],
    ['conversations', summary.conversations, ''], ['errors', summary.error, 'error'],
    ['warnings', summary.warning, 'warning'], ['info', summary.info, 'info']]
    .concat(summary.suppressed ? [['suppressed', summary.suppressed, '']] : [])
    .concat(summary.baselined ? [['baselined', summary.baselined, '']] : [])
    .forEach(function (c) {
      var d = el('div', { 'class': 'card ' + c[2] });
      d.appendChild(el('b', null, num(c[1])));
      d.appendChild(document.createTextNode(c[0]));
      cards.appendChild(d);
    });
  function counts(list, key) {
    var m = new Map();
    list.forEach(function (o) { var k = key(o); m.set(k, (m.get(k) || 0) + 1); });
    return Array.from(m.entries()).sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); });
  }
  function chart(title, entries, cls, onPick) {
    var box = el('div', { 'class': 'chart' });
    box.appendChild(el('h3', null, title));
    var max = entries.length ? entries[0][1] : 1;
    entries.slice(0, 12).forEach(function (e) {
      var row = el('div', { 'class': 'bar ' + (cls ? cls(e[0]) : '') + (onPick ? ' clickable' : '') });
      row.appendChild(el('span', { 'class': 'l', title: e[0] }, e[0]));
      var b = el('span', { 'class': 'b' });
      b.style.width = Math.max(2, Math.round(45 * e[1] / max)) + '%';
      row.appendChild(b);
      row.appendChild(el('span', null, num(e[1])));
      if (onPick) { row.addEventListener('click', function () { onPick(e[0]); }); }
      box.appendChild(row);
    });
    if (entries.length > 12) { box.appendChild(el('div', { 'class': 'bar' }, '\u2026 ' + (entries.length - 12) + ' more')); }
    if (!entries.length) { box.appendChild(el('div', { 'class': 'bar' }, 'none')); }
    return box;
  }
  var sevOf = {};
  findings.forEach(function (f) { sevOf[f.rule] = f.sev; });
  var charts = document.getElementById('charts');
  charts.appendChild(chart('Findings by severity', counts(findings, function (f) { return f.sev; }),
    function (s) { return s; }, function (s) { pick('f-sev', s); }));
  charts.appendChild(chart('Findings by rule', counts(findings, function (f) { return f.rule; }),
    function (r) { return sevOf[r]; }, function (r) { pick('f-rule', r); }));
  charts.appendChild(chart('How conversations open', counts(convs, function (c) { return c.open; })));
  charts.appendChild(chart('How conversations close', counts(convs, function (c) { return c.close; })));
  var hiddenRules = Object.keys(summary.hidden);
  if (hiddenRules.length) {
    var total = hiddenRules.reduce(function (a, r) { return a + summary.hidden[r]; }, 0);
    var det = el('details');
    det.appendChild(el('summary', null, num(total) + ' findings below ' + summary.show +
      ' are counted, not listed (--show info lists them)'));
    det.appendChild(document.createTextNode(hiddenRules.map(function (r) {
      return r + ' \u00d7' + num(summary.hidden[r]);
    }).join(', ')));
    document.getElementById('hidden').appendChild(det);
  }

  /* ---- filters ---- */
  var ruleSel = document.getElementById('f-rule');
  counts(findings, function (f) { return f.rule; }).map(function (e) { return e[0]; }).sort()
    .forEach(function (r) { ruleSel.appendChild(el('option', { value: r }, r)); });
  var fileSel = document.getElementById('f-file');
  files.forEach(function (f, i) { fileSel.appendChild(el('option', { value: String(i) }, f.path)); });
  var state = { tab: 'findings', page: 0, sort: null, desc: false, rows: [] };
  function pick(id, value) {
    document.getElementById(id).value = value;
    if (state.tab !== 'findings') { setTab('findings'); } else { refresh(); }
  }
  ['f-rule', 'f-sev', 'f-file'].forEach(function (id) {
    document.getElementById(id).addEventListener('change', refresh);
  });
  ['f-addr', 'f-stream'].forEach(function (id) {
    document.getElementById(id).addEventListener('input', refresh);
  });
  function filters() {
    var s = document.getElementById('f-stream').value;
    return {
      rule: ruleSel.value, sev: document.getElementById('f-sev').value, file: fileSel.value,
      addr: document.getElementById('f-addr').value.trim(), stream: s === '' ? null : Number(s)
    };
  }
  function convMatches(c, q) {
    return (q.file === '' || String(c.file) === q.file) && (q.stream === null || c.stream === q.stream) &&
      (q.addr === '' || c.client.indexOf(q.addr) >= 0 || c.server.indexOf(q.addr) >= 0);
  }

  /* ---- tables ---- */
  var COLUMNS = {
    findings: [
      ['file', 'File', function (f) { return files[f.file].path; }],
      ['stream', 'Stream', function (f) { return f.stream < 0 ? '' : f.stream; }, 'num'],
      ['frame', 'Frame', function (f) { return f.frame; }, 'num'],
      ['sev', 'Severity', function (f) { return f.sev; }],
      ['rule', 'Rule', function (f) { return f.rule; }],
      ['msg', 'Message', function (f) { return f.msg; }],
      ['expected', 'Expected', function (f) { return f.expected; }, 'raw'],
      ['actual', 'Actual', function (f) { return f.actual; }, 'raw']
    ],
    conversations: [
      ['file', 'File', function (c) { return files[c.file].path; }],
      ['stream', 'Stream', function (c) { return c.stream; }, 'num'],
      ['client', 'Client', function (c) { return c.client; }],
      ['server', 'Server', function (c) { return c.server; }],
      ['service', 'Service', function (c) { return c.service; }],
      ['packets', 'Packets', function (c) { return c.packets; }, 'num'],
      ['bytes', 'Bytes', function (c) { return c.bytes; }, 'num'],
      ['open', 'Open', function (c) { return c.open; }],
      ['close', 'Close', function (c) { return c.close; }],
      ['state', 'State', function (c) { return c.state; }],
      ['n', 'Findings', function (c) { return c.n; }, 'num']
    ]
  };
  function refresh() {
    var q = filters();
    if (state.tab === 'findings') {
      state.rows = findings.filter(function (f) {
        if ((q.rule !== '' && f.rule !== q.rule) || (q.sev !== '' && f.sev !== q.sev)) { return false; }
        if (f.conv) { return convMatches(f.conv, q); }
        return (q.file === '' || String(f.file) === q.file) && q.stream === null && q.addr === '';
      });
    } else {
      var having = null;
      if (q.rule !== '' || q.sev !== '') {
        having = new Set();
        findings.forEach(function (f) {
          if (f.conv && (q.rule === '' || f.rule === q.rule) && (q.sev === '' || f.sev === q.sev)) { having.add(f.conv); }
        });
      }
      state.rows = convs.filter(function (c) { return convMatches(c, q) && (having === null || having.has(c)); });
    }
    sortRows();
    state.page = 0;
    draw();
  }
  function sortRows() {
    if (!state.sort) { return; }
    var col = COLUMNS[state.tab].filter(function (c) { return c[0] === state.sort; })[0];
    var get = col[2];
    var sign = state.desc ? -1 : 1;
    state.rows.sort(function (a, b) {
      var x = get(a), y = get(b);
      if (x === y) { return 0; }
      if (x === null || x === undefined || x === '') { return 1; }
      if (y === null || y === undefined || y === '') { return -1; }
      return (x < y ? -1 : 1) * sign;
    });
  }
  var table = document.getElementById('table');
  function draw() {
    var cols = COLUMNS[state.tab];
    var head = table.tHead.rows[0];
    head.textContent = '';
    cols.forEach(function (c) {
      var th = el('th', { 'data-key': c[0] }, c[1]);
      if (state.sort === c[0]) { th.className = state.desc ? 'desc' : 'asc'; }
      th.addEventListener('click', function () {
        state.desc = state.sort === c[0] ? !state.desc : false;
        state.sort = c[0];
        sortRows();
        state.page = 0;
        draw();
      });
      head.appendChild(th);
    });
    var body = table.tBodies[0];
    body.textContent = '';
    var pages = Math.max(1, Math.ceil(state.rows.length / PAGE));
    state.page = Math.min(state.page, pages - 1);
    state.rows.slice(state.page * PAGE, state.page * PAGE + PAGE).forEach(function (o) {
      var tr = el('tr');
      cols.forEach(function (c) {
        var v = c[2](o);
        var td = el('td', c[3] ? { 'class': 'num' } : null, c[3] === 'num' && v !== '' ? num(v) : v);
        if (c[0] === 'sev') { td.className = 'sev-' + v; }
        tr.appendChild(td);
      });
      tr.addEventListener('click', function () {
        Array.prototype.forEach.call(body.rows, function (r) { r.classList.remove('sel'); });
        tr.classList.add('sel');
        if (state.tab === 'findings') { ladder(o.file, o.stream, o.frame); } else { ladder(o.file, o.stream, null); }
      });
      body.appendChild(tr);
    });
    document.getElementById('count').textContent = num(state.rows.length) + (state.tab === 'findings' ? ' findings' : ' conversations');
    document.getElementById('page').textContent = 'page ' + (state.page + 1) + ' of ' + pages;
    document.getElementById('prev').disabled = state.page === 0;
    document.getElementById('next').disabled = state.page >= pages - 1;
  }
  document.getElementById('prev').addEventListener('click', function () { state.page--; draw(); });
  document.getElementById('next').addEventListener('click', function () { state.page++; draw(); });
  function setTab(tab) {
    state.tab = tab;
    state.sort = null;
    document.getElementById('tab-findings').className = tab === 'findings' ? 'on' : '';
    document.getElementById('tab-conversations').className = tab === 'conversations' ? 'on' : '';
    refresh();
  }
  document.getElementById('tab-findings').addEventListener('click', function () { setTab('findings'); });
  document.getElementById('tab-conversations').addEventListener('click', function () { setTab('conversations'); });

  /* ---- ladder ---- */
  function ladder(fi, stream, frame) {
    var box = document.getElementById('ladder');
    var target = document.getElementById('ladder-svg');
    target.textContent = '';
    box.hidden = false;
    var c = byKey.get(fi + ':' + stream);
    var rows = files[fi].l[String(stream)];
    document.getElementById('ladder-title').textContent = c
      ? 'Stream ' + stream + ': ' + c.client + ' \u2192 ' + c.server + ' (' + files[fi].path + ')'
      : 'Findings of the capture file (' + files[fi].path + ')';
    if (!rows) {
      document.getElementById('ladder-note').textContent = c
        ? 'No ladder: this conversation has no finding shown, or its capture could not be read again.'
        : 'File-level findings have no ladder.';
      box.scrollIntoView();
      return;
    }
    var mine = findings.filter(function (f) { return f.file === fi && f.stream === stream; });
    var byFrame = new Map();
    mine.forEach(function (f) {
      if (!byFrame.has(f.frame)) { byFrame.set(f.frame, []); }
      byFrame.get(f.frame).push(f);
    });
    document.getElementById('ladder-note').textContent = 'Relative sequence and acknowledgment numbers ' +
      '(from each side\u2019s ISN); a finding\u2019s expected and actual values are the raw numbers. ' +
      num(c.packets) + ' segments' + (rows.some(function (r) { return r[9] > 0; }) ? ', quiet runs folded.' : '.');
    var extra = 0;
    rows.forEach(function (r) { extra += Math.max(0, (byFrame.get(r[0]) || []).length - 1); });
    var X0 = 150, X1 = 560, H = 30, TOP = 44;
    var height = TOP + (rows.length + extra) * H + 20;
    var s = svg('svg', { width: 1180, height: height, viewBox: '0 0 1180 ' + height, role: 'img' });
    s.appendChild(svg('text', { x: X0, y: 16, 'text-anchor': 'middle' }, 'client ' + c.client));
    s.appendChild(svg('text', { x: X1, y: 16, 'text-anchor': 'middle' }, 'server ' + c.server));
    s.appendChild(svg('line', { 'class': 'col', x1: X0, y1: 24, x2: X0, y2: height - 8 }));
    s.appendChild(svg('line', { 'class': 'col', x1: X1, y1: 24, x2: X1, y2: height - 8 }));
    var y = TOP;
    var focus = null;
    rows.forEach(function (r) {
      if (r[9] > 0) {
        s.appendChild(svg('line', { 'class': 'fold', x1: X0, y1: y + 6, x2: X1, y2: y + 6 }));
        s.appendChild(svg('text', { x: (X0 + X1) / 2, y: y + 2, 'text-anchor': 'middle', 'class': 'dim' },
          '\u2026 ' + num(r[9]) + ' segments, ' + bytes(r[6]) + ', no findings \u2026'));
        y += H;
        return;
      }
      var fs = byFrame.get(r[0]) || [];
      var bad = fs.length > 0;
      if (r[0] === frame) {
        s.appendChild(svg('rect', { 'class': 'mark', x: 0, y: y - 14, width: 1180, height: H * Math.max(1, fs.length) }));
        focus = y;
      }
      s.appendChild(svg('text', { x: 4, y: y, 'class': 'dim' }, '#' + r[0]));
      s.appendChild(svg('text', { x: 4, y: y + 13, 'class': 'dim' }, (r[1] / 1000).toFixed(3) + ' ms'));
      var from = r[2] ? X0 : X1, to = r[2] ? X1 : X0;
      var g = svg('g', { 'data-frame': r[0] });
      g.appendChild(svg('line', { 'class': 'seg' + (bad ? ' bad' : ''), x1: from, y1: y - 4, x2: to, y2: y + 10 }));
      var dx = r[2] ? -9 : 9;
      g.appendChild(svg('polygon', { 'class': bad ? 'seg bad' : 'seg', points:
        to + ',' + (y + 10) + ' ' + (to + dx) + ',' + (y + 3) + ' ' + (to + dx) + ',' + (y + 12) }));
      var label = r[3] + ' seq=' + r[4] + (r[5] !== null ? ' ack=' + r[5] : '') +
        (r[6] ? ' len=' + r[6] : '') + ' win=' + r[7] + (r[8] ? ' ' + r[8] : '');
      g.appendChild(svg('text', { x: (X0 + X1) / 2, y: y - 7, 'text-anchor': 'middle', 'class': bad ? 'bad' : '' }, label));
      s.appendChild(g);
      fs.forEach(function (f, i) {
        var t = '\u2717 ' + (f.expected !== null ? 'expected ' + f.expected + ', got ' + f.actual + ' (' + f.rule + ')'
          : f.rule + ': ' + (f.msg.length > 60 ? f.msg.slice(0, 59) + '\u2026' : f.msg));
        var note = svg('text', { x: X1 + 14, y: y + 4 + i * H, 'class': 'bad finding' }, t);
        note.appendChild(svg('title', null, f.msg));
        s.appendChild(note);
      });
      y += H * Math.max(1, fs.length);
    });
    target.appendChild(s);
    box.scrollIntoView();
    if (focus !== null) { window.scrollBy(0, Math.max(0, focus - 120)); }
  }

  setTab('findings');
  document.body.setAttribute('data-ready', 'true');
})();
