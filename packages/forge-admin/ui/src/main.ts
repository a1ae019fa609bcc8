// The admin page: queue overview, backfill, dead letters. Refreshes the overview every 2 s.
import './style.css';
import { api, ResolverError, type DeadLetterSummary, type Overview } from './api';
import { h, percent, time } from './dom';

const root = document.getElementById('app') as HTMLElement;
const noun = (o: Overview | undefined): string => (o?.product === 'confluence' ? 'pages' : 'issues');

interface State {
  overview: Overview | undefined;
  letters: DeadLetterSummary[];
  nextCursor: string | undefined;
  details: { id: string; json: string } | undefined;
  error: { code: string; message: string } | undefined;
  notice: string | undefined;
  busy: boolean;
}

const state: State = { overview: undefined, letters: [], nextCursor: undefined, details: undefined, error: undefined, notice: undefined, busy: false };

function fail(error: unknown): void {
  state.error = error instanceof ResolverError ? { code: error.code, message: error.message } : { code: 'ERROR', message: error instanceof Error ? error.message : String(error) };
}

async function act(what: () => Promise<string | undefined>): Promise<void> {
  state.busy = true;
  render();
  try {
    state.notice = await what();
    state.error = undefined;
  } catch (error) {
    fail(error);
  }
  state.busy = false;
  await refresh({ letters: true });
}

async function refresh(o: { letters: boolean }): Promise<void> {
  try {
    state.overview = await api.overview();
    if (o.letters) {
      const page = await api.listDeadLetters();
      state.letters = page.items;
      state.nextCursor = page.nextCursor;
    }
    if (state.error?.code === 'ADMIN_REQUIRED' || state.error?.code === 'ADMIN_CHECK_FAILED') state.error = undefined;
  } catch (error) {
    fail(error);
    if (error instanceof ResolverError && error.code === 'ADMIN_REQUIRED') state.overview = undefined;
  }
  render();
}

function counters(o: Overview): HTMLElement {
  const c = o.outcomes;
  const item = (label: string, value: number, id: string) => h('div', { class: 'counter' }, h('dt', { id }, label), h('dd', { 'aria-labelledby': id }, value));
  return h('dl', { class: 'counters', 'aria-label': 'Recent consumer outcomes' },
    item('Applied writes', c.applied, 'c-applied'),
    item('Invocations ok', c.ok, 'c-ok'),
    item('Retried', c.retry, 'c-retry'),
    item('Re-driven', c.redrive, 'c-redrive'),
    item('Dead-lettered writes', c.deadLettered, 'c-dead'),
    item('Malformed events', c.malformed, 'c-malformed'),
  );
}

function jobs(o: Overview): HTMLElement {
  if (o.jobs.length === 0) return h('p', { class: 'muted' }, 'No queued jobs seen in the last hour.');
  return h('table', { 'aria-label': 'Jobs' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Job'), h('th', { scope: 'col' }, 'Delivered'), h('th', { scope: 'col' }, 'In progress'), h('th', { scope: 'col' }, 'Failed'), h('th', { scope: 'col' }, 'Progress'))),
    h('tbody', {}, ...o.jobs.map((j) => h('tr', {},
      h('td', { class: 'mono' }, j.jobId.slice(0, 8)), h('td', {}, j.success), h('td', {}, j.inProgress), h('td', {}, j.failed),
      h('td', {}, h('progress', { max: 1, value: j.done ?? 0, 'aria-label': `Job ${j.jobId.slice(0, 8)} progress` }), ' ', percent(j.done)),
    ))),
  );
}

function backfill(o: Overview): HTMLElement {
  const b = o.backfill;
  const s = b.state;
  const running = s?.status === 'running';
  return h('section', { 'aria-labelledby': 'backfill-title', class: 'card' },
    h('h2', { id: 'backfill-title' }, `Index existing ${noun(o)}`),
    h('p', { class: 'muted' }, `Reads every existing ${o.product === 'confluence' ? 'page (CQL search)' : 'issue (JQL search)'} one page per async event and writes it through the queue. Resumable, cancellable; it also runs when the app is installed.`),
    s === undefined
      ? h('p', {}, 'Never run.')
      : h('div', {},
          h('p', { id: 'backfill-status' }, `Status: ${s.status} · ${s.items}${s.total === undefined ? '' : ` of ${s.total}`} ${noun(o)} in ${s.pages} pages · started ${time(s.startedAt)} by ${s.by === 'install' ? 'installation' : 'an administrator'}`),
          h('progress', { max: 1, value: b.progress ?? 0, 'aria-label': 'Backfill progress', 'aria-describedby': 'backfill-status' }),
          h('span', { class: 'pct', 'data-testid': 'backfill-percent' }, ` ${percent(b.progress)}`),
          s.error === undefined ? null : h('p', { class: 'error-text' }, s.error),
        ),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'primary', disabled: state.busy || running, onclick: () => void act(async () => { await api.startBackfill(); return 'Backfill started.'; }) },
        s !== undefined && (s.status === 'failed' || (running && Date.now() - s.updatedAt > 15 * 60_000)) ? 'Resume backfill' : `Index existing ${noun(o)}`),
      h('button', { type: 'button', disabled: state.busy || !running, onclick: () => void act(async () => { await api.cancelBackfill(); return 'Backfill cancelled.'; }) }, 'Cancel backfill'),
    ),
  );
}

function letterRow(d: DeadLetterSummary): HTMLElement {
  const label = `dead letter ${d.id}`;
  return h('tr', { 'data-id': d.id },
    h('td', { class: 'mono' }, d.id),
    h('td', {}, h('span', { class: `lozenge ${d.reason}` }, d.reason)),
    h('td', {}, d.detail, h('br'), h('span', { class: 'muted mono' }, d.lastError)),
    h('td', { class: 'mono' }, d.keys.join(', '), d.operations > d.keys.length ? ` +${d.operations - d.keys.length}` : ''),
    h('td', {}, d.attempts),
    h('td', {}, time(d.deadAt)),
    h('td', { class: 'row-actions' },
      h('button', { type: 'button', 'aria-label': `Show values of ${label}`, disabled: state.busy, onclick: () => void showDetails(d.id) }, 'Details'),
      h('button', { type: 'button', 'aria-label': `Replay ${label}`, disabled: state.busy, onclick: () => void act(async () => { await api.replayDeadLetter(d.id); return `Replayed ${d.id}.`; }) }, 'Replay'),
      h('button', { type: 'button', class: 'danger', 'aria-label': `Discard ${label}`, disabled: state.busy, onclick: () => void act(async () => { await api.discardDeadLetter(d.id); return `Discarded ${d.id}.`; }) }, 'Discard'),
    ),
  );
}

async function showDetails(id: string): Promise<void> {
  try {
    state.details = { id, json: JSON.stringify(await api.getDeadLetter(id), null, 2) };
  } catch (error) {
    fail(error);
  }
  render();
  document.getElementById('details-title')?.focus();
}

async function loadMore(): Promise<void> {
  try {
    const page = await api.listDeadLetters(state.nextCursor);
    state.letters = [...state.letters, ...page.items];
    state.nextCursor = page.nextCursor;
  } catch (error) {
    fail(error);
  }
  render();
}

function confirmDialog(): HTMLDialogElement {
  const dialog = h('dialog', { id: 'confirm-replay-all', 'aria-labelledby': 'confirm-title', 'aria-describedby': 'confirm-text' },
    h('h2', { id: 'confirm-title' }, 'Replay every dead letter?'),
    h('p', { id: 'confirm-text' }, 'Each one is pushed to the queue again and its record deleted. Writes keep their original order stamps, so a newer value already in storage still wins.'),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'primary', onclick: () => { dialog.close(); void act(replayAll); } }, 'Replay all'),
      h('button', { type: 'button', autofocus: true, onclick: () => { dialog.close(); } }, 'Cancel'),
    ),
  );
  return dialog;
}

async function replayAll(): Promise<string> {
  let replayed = 0;
  for (let round = 0; round < 40; round++) {
    const r = await api.replayAllDeadLetters();
    replayed += r.replayed;
    if (r.failed.length > 0) throw new ResolverError('REPLAY_FAILED', `${replayed} replayed; ${r.failed.length} failed: ${r.failed[0]?.error ?? ''}`);
    if (!r.more) break;
  }
  return `Replayed ${replayed} dead letters.`;
}

function deadLetters(o: Overview): HTMLElement {
  const dialog = confirmDialog();
  return h('section', { 'aria-labelledby': 'dl-title', class: 'card' },
    h('h2', { id: 'dl-title' }, `Dead letters (${o.deadLetters}${o.deadLettersCapped ? '+' : ''})`),
    h('p', { class: 'muted' }, 'Writes that could not be applied. Values are hidden; open Details to see them.'),
    state.letters.length === 0
      ? h('p', {}, 'No dead letters.')
      : h('table', { 'aria-label': 'Dead letters' },
          h('thead', {}, h('tr', {}, ...['Id', 'Reason', 'Why', 'Keys', 'Attempts', 'Dead since', 'Actions'].map((t) => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, ...state.letters.map(letterRow)),
        ),
    h('div', { class: 'actions' },
      state.nextCursor === undefined ? null : h('button', { type: 'button', onclick: () => void loadMore() }, 'Load more'),
      h('button', { type: 'button', class: 'primary', disabled: state.busy || state.letters.length === 0, onclick: () => { dialog.showModal(); } }, 'Replay all…'),
    ),
    dialog,
    state.details === undefined ? null : h('div', { class: 'details', role: 'region', 'aria-labelledby': 'details-title' },
      h('h3', { id: 'details-title', tabindex: -1 }, `Dead letter ${state.details.id} (with values)`),
      h('pre', { class: 'mono' }, state.details.json),
      h('button', { type: 'button', onclick: () => { state.details = undefined; render(); } }, 'Hide values'),
    ),
  );
}

function render(): void {
  const o = state.overview;
  const focused = document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent;
  const parts: Array<HTMLElement | null> = [
    h('header', {},
      h('h1', {}, 'Queued storage'),
      h('p', { class: 'muted' }, 'Writes to this app\'s key-value store that go through the async events queue: what happened to them recently, and what could not be applied.'),
    ),
    state.error === undefined ? null : h('div', { class: 'banner error', role: 'alert' }, h('strong', {}, state.error.code === 'ADMIN_REQUIRED' ? 'Access denied. ' : 'Error. '), state.error.message),
    state.notice === undefined ? null : h('div', { class: 'banner info', role: 'status' }, state.notice),
    o === undefined ? null : h('section', { 'aria-labelledby': 'overview-title', class: 'card' },
      h('h2', { id: 'overview-title' }, 'Overview'),
      counters(o),
      h('p', { class: 'muted' }, `Counted from ${o.samples} samples (one per consumer instance per minute, kept an hour) up to ${time(o.countedUntilMs)}.`),
      jobs(o),
      h('div', { class: 'actions' }, h('button', { type: 'button', onclick: () => void refresh({ letters: true }) }, 'Refresh')),
    ),
    o === undefined ? null : backfill(o),
    o === undefined ? null : deadLetters(o),
  ];
  root.replaceChildren(...parts.filter((p): p is HTMLElement => p !== null));
  // Keep keyboard focus on the same control across re-renders.
  if (focused) {
    const again = [...root.querySelectorAll<HTMLElement>('button')].find((b) => (b.getAttribute('aria-label') ?? b.textContent) === focused);
    again?.focus();
  }
}

render();
void refresh({ letters: true });
setInterval(() => {
  if (!state.busy && state.error?.code !== 'ADMIN_REQUIRED' && document.querySelector('dialog[open]') === null) void refresh({ letters: false });
}, 2000);
