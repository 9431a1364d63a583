// The run list: filters in the address (so a view can be shared), live updates from /api/v1/runs/stream.
'use strict';

(() => {
  const PAGE_SIZE = 50;
  const params = new URLSearchParams(location.search);
  const filters = {
    q: params.get('q') || '', state: params.get('state') || '', trigger: params.get('trigger') || '',
    reason: params.get('reason') || '',
  };
  let page = Math.max(0, parseInt(params.get('page') || '0', 10) || 0);
  const body = document.querySelector('#runs tbody');
  const rows = new Map();
  let total = 0;

  document.getElementById('q').value = filters.q;
  document.getElementById('state').value = filters.state;
  document.getElementById('trigger').value = filters.trigger;
  document.getElementById('reason').value = filters.reason;

  document.getElementById('filters').addEventListener('submit', (event) => {
    event.preventDefault();
    filters.q = document.getElementById('q').value.trim();
    filters.state = document.getElementById('state').value;
    filters.trigger = document.getElementById('trigger').value.trim();
    filters.reason = document.getElementById('reason').value.trim();
    page = 0;
    show();
  });
  document.getElementById('newer').addEventListener('click', () => { page = Math.max(0, page - 1); show(); });
  document.getElementById('older').addEventListener('click', () => { page += 1; show(); });

  function query() {
    const q = new URLSearchParams();
    for (const [key, value] of Object.entries(filters)) if (value) q.set(key, value);
    if (page > 0) q.set('page', String(page));
    return q;
  }

  function row(run) {
    const tr = relay.el('tr', {'data-run': run.runId},
      relay.el('td', {}, relay.stateBadge(run.state)),
      relay.el('td', {}, run.reason
        ? relay.el('a', {href: '/?state=' + encodeURIComponent(run.state) + '&reason=' + encodeURIComponent(run.reason)}, run.reason)
        : ''),
      relay.el('td', {}, run.trigger || ''),
      relay.el('td', {}, relay.time(run.firstSeen)),
      relay.el('td', {}, relay.duration(run.durationMs)),
      relay.el('td', {class: 'id'}, relay.runLink(run.runId)));
    return tr;
  }

  function matches(run) {
    if (filters.state && run.state !== filters.state) return false;
    if (filters.trigger && run.trigger !== filters.trigger) return false;
    if (filters.reason && run.reason !== filters.reason) return false;
    if (filters.q && ![run.runId, run.workflow, run.application].includes(filters.q)) return false;
    return true;
  }

  async function show() {
    history.replaceState(null, '', query().toString() ? '?' + query() : location.pathname);
    const q = query();
    q.set('page', String(page));
    q.set('size', String(PAGE_SIZE));
    let answer;
    try {
      answer = await relay.json('/api/v1/runs?' + q);
    } catch (e) {
      document.getElementById('empty').hidden = false;
      document.getElementById('empty').textContent = 'The run list cannot be read now (' + e.message + ').';
      return;
    }
    rows.clear();
    body.replaceChildren();
    for (const run of answer.items) {
      const tr = row(run);
      rows.set(run.runId, tr);
      body.append(tr);
    }
    document.getElementById('empty').hidden = answer.items.length > 0;
    document.getElementById('empty').textContent = 'No run matches.';
    total = answer.total;
    position();
    document.getElementById('newer').disabled = page === 0;
    document.getElementById('older').disabled = (page + 1) * PAGE_SIZE >= answer.total;
    counts();
  }

  function position() {
    const shown = body.children.length;
    const from = shown === 0 ? 0 : page * PAGE_SIZE + 1;
    document.getElementById('position').textContent = from + '–' + (page * PAGE_SIZE + shown) + ' of ' + total;
  }

  async function counts() {
    let answer;
    try {
      answer = await relay.json('/api/v1/runs/counts?minutes=60');
    } catch (e) {
      return;
    }
    const list = document.getElementById('counts');
    list.replaceChildren();
    const states = Object.entries(answer.states);
    if (states.length === 0) list.append(relay.el('li', {}, 'no runs'));
    for (const [state, count] of states) {
      const link = relay.el('a', {href: '/?state=' + encodeURIComponent(state)}, relay.stateBadge(state), ' ', String(count));
      list.append(relay.el('li', {'data-state': state}, link));
    }
  }

  let countsDue = null;
  function live() {
    const status = document.getElementById('live');
    const stream = new EventSource('/api/v1/runs/stream');
    stream.addEventListener('ready', () => { status.textContent = 'live'; });
    stream.addEventListener('run', (event) => {
      const run = JSON.parse(event.data);
      const known = rows.get(run.runId);
      if (known) {
        const fresh = row(run);
        known.replaceWith(fresh);
        rows.set(run.runId, fresh);
      } else if (page === 0 && matches(run)) {
        const fresh = row(run);
        rows.set(run.runId, fresh);
        body.prepend(fresh);
        total += 1;
        position();
        document.getElementById('empty').hidden = true;
      }
      if (!countsDue) countsDue = setTimeout(() => { countsDue = null; counts(); }, 1000);
    });
    stream.addEventListener('error', () => { status.textContent = 'reconnecting…'; });
  }

  show();
  live();
})();
