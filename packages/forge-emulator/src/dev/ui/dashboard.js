/* global document, fetch, setInterval */
// forge-emulator dev dashboard: polls /api/state once a second; values are fetched only on request.
const $ = (id) => document.getElementById(id);
const el = (tag, attrs = {}, ...children) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (typeof v === 'function') e.addEventListener(k, v);
    else if (v !== undefined && v !== false) e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children) if (c !== undefined && c !== null && c !== false) e.append(typeof c === 'object' ? c : String(c));
  return e;
};
const time = (ms) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
const QUOTA_LABELS = {
  kvsRequestsPerSecond: 'KVS requests / second',
  kvsReadUnitsPerMinute: 'KVS read units / minute',
  kvsWriteUnitsPerMinute: 'KVS write units / minute',
  kvsBatchOperationsPerMinute: 'KVS batch operations / minute',
  pushEventsPerMinute: 'Events pushed / minute',
  invocationsPerMinute: 'Invocations / minute',
};

async function api(path, body) {
  const res = await fetch(path, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = await res.json();
  if (!res.ok) throw new Error(json.error || `HTTP ${res.status}`);
  return json;
}

let logSeq = 0;
let firstState = true;
const kvsView = { search: '', offset: 0, limit: 20 };

function renderState(s) {
  $('app-name').textContent = `${s.app.dir} (${s.app.product})`;
  $('clock-now').textContent = time(s.clock.nowMs);
  $('clock-now').setAttribute('datetime', new Date(s.clock.nowMs).toISOString());
  $('clock-state').textContent = s.clock.running ? 'running' : 'idle';
  if (document.activeElement !== $('auto-run')) $('auto-run').checked = s.clock.autoRun;
  const err = $('app-error');
  err.hidden = s.app.error === undefined;
  err.textContent = s.app.error === undefined ? '' : `The app failed to load: ${s.app.error}`;

  $('installations-body').replaceChildren(...s.installations.map((i) => el('tr', {}, el('td', {}, i.id), el('td', {}, i.product), el('td', {}, i.keys), el('td', {}, s.metrics.invocations), el('td', {}, s.metrics.pushes), el('td', {}, s.metrics.kvsRequests))));
  for (const [id, v] of Object.entries({ 'q-queued': s.queues.queued, 'q-delayed': s.queues.delayed, 'q-retrying': s.queues.retrying, 'q-inflight': s.queues.inFlight, 'q-dropped': s.queues.dropped })) $(id).textContent = String(v);
  $('dropped-body').replaceChildren(...s.dropped.map((d) => el('tr', {}, el('td', { class: 'mono' }, d.eventId.slice(0, 8)), el('td', {}, `${d.kind} ${d.functionKey}`), el('td', {}, d.reason), el('td', {}, d.attempts), el('td', {}, d.error ?? '–'))));
  $('quota-meters').replaceChildren(...s.quotas.map((q) => {
    const id = `quota-${q.quota}`;
    return el('div', { class: 'meter' },
      el('label', { for: id }, QUOTA_LABELS[q.quota] ?? q.quota),
      el('meter', { id, min: 0, max: q.limit, value: q.used, high: q.limit * 0.8, optimum: 0 }),
      el('span', {}, `${q.used} / ${q.limit}`));
  }));

  if (firstState) {
    firstState = false;
    $('event-type').replaceChildren(...s.eventTypes.map((t) => el('option', { value: t }, t)));
    $('page-select').replaceChildren(...s.pages.map((p) => el('option', { value: p.url }, `${p.title} (${p.type})`)));
    $('user-select').replaceChildren(...s.users.map((u) => el('option', { value: u.id }, `${u.label} (${u.accountId})`)));
    showPage();
  }
  if (!$('log-pause').checked && s.log.length > 0) {
    const body = $('log-body');
    for (const e of s.log) {
      body.prepend(el('tr', {}, el('td', {}, time(e.atMs)), el('td', {}, e.kind), el('td', {}, e.functionKey), el('td', {}, e.attempt), el('td', { class: `outcome-${e.outcome}` }, e.outcome), el('td', { class: 'mono' }, (e.eventId ?? '').slice(0, 8)), el('td', {}, e.error ?? '')));
    }
    while (body.children.length > 500) body.lastElementChild.remove();
  }
  logSeq = s.logSeq;
}

async function poll() {
  try {
    renderState(await api(`/api/state?after=${$('log-pause').checked ? 1e15 : logSeq}`));
  } catch (e) {
    $('app-error').hidden = false;
    $('app-error').textContent = `Dashboard cannot reach the dev server: ${e.message}`;
  }
}

async function loadKeys() {
  const page = await api(`/api/kvs?search=${encodeURIComponent(kvsView.search)}&offset=${kvsView.offset}&limit=${kvsView.limit}`);
  $('kvs-count').textContent = `${page.total} keys${page.total > 0 ? `, showing ${page.offset + 1}–${page.offset + page.items.length}` : ''}`;
  $('kvs-prev').disabled = page.offset === 0;
  $('kvs-next').disabled = page.offset + page.items.length >= page.total;
  $('kvs-body').replaceChildren(...page.items.map((item) => {
    const cell = el('td', {});
    const show = el('button', { type: 'button', 'aria-label': `Show value of ${item.key}`, click: async () => {
      try {
        const { value } = await api(`/api/kvs/value?key=${encodeURIComponent(item.key)}`);
        cell.replaceChildren(el('pre', { 'aria-label': `Value of ${item.key}` }, JSON.stringify(value, null, 2)), el('button', { type: 'button', 'aria-label': `Hide value of ${item.key}`, click: () => cell.replaceChildren(show) }, 'Hide'));
      } catch (e) {
        cell.replaceChildren(`${e.message}`, show);
      }
    } }, 'Show value');
    cell.append(show);
    return el('tr', { 'data-key': item.key }, el('td', { class: 'mono' }, item.key), el('td', {}, `${item.bytes} B`), cell);
  }));
}

function showPage() {
  const url = $('page-select').value;
  if (!url) return;
  const full = `${url}?as=${encodeURIComponent($('user-select').value)}`;
  $('page-frame').src = full;
  $('page-open').href = full;
}

async function fire(eventType, count) {
  $('fire-status').textContent = `Firing ${count} × ${eventType}…`;
  try {
    const r = await api('/api/fire', { eventType, count });
    $('fire-status').textContent = `Fired ${r.fired} × ${eventType}.`;
  } catch (e) {
    $('fire-status').textContent = `Failed: ${e.message}`;
  }
  await poll();
}

$('fire-form').addEventListener('submit', (e) => {
  e.preventDefault();
  void fire($('event-type').value, Number($('event-count').value));
});
$('bulk-500').addEventListener('click', () => void fire($('event-type').value, 500));
$('run-idle').addEventListener('click', async () => {
  $('clock-state').textContent = 'running';
  await api('/api/clock', { action: 'run' });
  await poll();
  await loadKeys();
});
$('advance').addEventListener('click', async () => {
  await api('/api/clock', { action: 'advance', seconds: Number($('advance-seconds').value) });
  await poll();
  await loadKeys();
});
$('auto-run').addEventListener('change', async () => {
  await api('/api/settings', { autoRun: $('auto-run').checked });
});
$('kvs-form').addEventListener('submit', (e) => {
  e.preventDefault();
  kvsView.search = $('kvs-search').value;
  kvsView.offset = 0;
  void loadKeys();
});
$('kvs-prev').addEventListener('click', () => {
  kvsView.offset = Math.max(0, kvsView.offset - kvsView.limit);
  void loadKeys();
});
$('kvs-next').addEventListener('click', () => {
  kvsView.offset += kvsView.limit;
  void loadKeys();
});
$('page-select').addEventListener('change', showPage);
$('user-select').addEventListener('change', showPage);

await poll();
await loadKeys();
setInterval(() => void poll(), 1000);
