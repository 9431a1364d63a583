// One run: its timeline to scale, the driver and executors as bars, failures where they happened, a dead letter
// with the original body. Reloaded every 2 s until the run has ended.
'use strict';

(() => {
  const runId = decodeURIComponent(location.pathname.replace(/^\/runs\//, ''));
  document.getElementById('run-id').textContent = runId;
  document.title = 'Spark Relay · run ' + runId;
  let links = {};

  function fact(list, term, ...value) {
    if (value.every((v) => v === null || v === undefined || v === '')) return;
    list.append(relay.el('dt', {}, term), relay.el('dd', {}, ...value));
  }

  // a bar from start to end on a scale from t0 to t1 (milliseconds), with its label and times as text
  function bar(label, detail, start, end, t0, t1, kind) {
    const span = Math.max(1, t1 - t0);
    const left = Math.max(0, Math.min(100, ((start - t0) / span) * 100));
    const width = Math.max(0.5, Math.min(100 - left, ((end - start) / span) * 100));
    const fill = relay.el('span', {class: 'bar ' + (kind || '')});
    fill.style.marginLeft = left + '%';
    fill.style.width = width + '%';
    const offset = '+' + relay.duration(Math.max(0, start - t0));
    return relay.el('li', {'data-at': start},
      relay.el('span', {class: 'label'}, label),
      relay.el('span', {class: 'track'}, fill),
      relay.el('span', {class: 'detail'}, offset + (detail ? ' · ' + detail : '')));
  }

  function render(run) {
    const outcome = document.getElementById('outcome');
    outcome.replaceChildren(relay.stateBadge(run.state),
      run.reason ? relay.el('strong', {}, ' ' + run.reason) : '',
      run.message ? relay.el('span', {class: 'message'}, ' — ' + run.message) : '');

    const facts = document.getElementById('facts');
    facts.replaceChildren();
    fact(facts, 'MessageId (run id)', run.runId);
    fact(facts, 'Trigger rule', run.trigger);
    fact(facts, 'Duration', relay.duration(run.durationMs));
    if (run.workflow) {
      fact(facts, 'Workflow', run.workflow.namespace + '/' + run.workflow.name,
        run.workflow.phase ? ' (' + run.workflow.phase + ')' : '',
        ' ', relay.link(links.workflowUrl, {namespace: run.workflow.namespace, name: run.workflow.name}, 'Argo UI'));
    }
    if (run.application) {
      fact(facts, 'SparkApplication', run.application.namespace + '/' + run.application.name,
        run.application.state ? ' (' + run.application.state + ')' : '',
        ' ', relay.link(links.sparkUrl, {namespace: run.application.namespace, name: run.application.name}, 'Spark UI'));
    }

    const steps = (run.timeline || []).filter((s) => s.at);
    const times = steps.map((s) => Date.parse(s.at));
    for (const item of [...(run.pods || []), ...Object.values((run.workflow || {}).nodes || {})]) {
      if (item.startedAt) times.push(Date.parse(item.startedAt));
      if (item.finishedAt) times.push(Date.parse(item.finishedAt));
    }
    const t0 = Math.min(...times);
    const last = steps.length ? Date.parse(steps[steps.length - 1].at) : t0;
    const t1 = Math.max(...times, last + 1);
    const timeline = document.getElementById('timeline');
    timeline.replaceChildren();
    steps.forEach((step, i) => {
      const start = Date.parse(step.at);
      const end = step.durationMs !== null && step.durationMs !== undefined ? start + step.durationMs : start;
      const detail = (step.durationMs !== null && step.durationMs !== undefined ? relay.duration(step.durationMs) : 'end') +
        ' · ' + relay.time(step.at);
      timeline.append(bar(step.stage, detail, start, end, t0, t1, i === steps.length - 1 ? 'end' : ''));
    });
    // each redrive where it happened among the stages: who sent the message again, and when
    for (const r of run.redrives || []) {
      const at = Date.parse(r.at);
      const marker = bar('REDRIVEN', 'by ' + r.by + ' · ' + relay.time(r.at), at, at, t0, Math.max(t1, at + 1), 'redrive');
      marker.classList.add('redrive');
      // Kubernetes keeps the objects' times to the second: a stage in the redrive's second came after it
      const second = Math.floor(at / 1000) * 1000;
      const after = [...timeline.children].find((li) => Number(li.dataset.at) >= second && !li.classList.contains('redrive'));
      timeline.insertBefore(marker, after || null);
    }

    // the Workflow's own steps (its root node, named after the Workflow, is the whole run and left out)
    const nodeList = document.getElementById('nodes');
    nodeList.replaceChildren();
    const nodes = Object.values((run.workflow || {}).nodes || {})
      .filter((n) => n.name && n.name !== run.workflow.name)
      .sort((a, b) => (Date.parse(a.startedAt) || 0) - (Date.parse(b.startedAt) || 0) || a.name.localeCompare(b.name));
    for (const node of nodes) {
      const start = node.startedAt ? Date.parse(node.startedAt) : t0;
      const end = node.finishedAt ? Date.parse(node.finishedAt) : t1;
      const failed = node.phase === 'Failed' || node.phase === 'Error';
      nodeList.append(bar(node.name, [node.type, node.phase].filter(Boolean).join(' · '), start, end, t0, t1,
        failed ? 'failed' : 'step'));
    }
    document.getElementById('nodes-section').hidden = nodes.length === 0;

    const failureBySource = new Map((run.failures || []).map((f) => [f.source, f]));
    const pods = document.getElementById('pods');
    pods.replaceChildren();
    for (const pod of (run.pods || []).slice().sort((a, b) => (a.role === 'driver' ? -1 : 1) - (b.role === 'driver' ? -1 : 1) || a.name.localeCompare(b.name))) {
      const start = pod.startedAt ? Date.parse(pod.startedAt) : t0;
      const end = pod.finishedAt ? Date.parse(pod.finishedAt) : t1;
      const failure = failureBySource.get('pod/' + pod.namespace + '/' + pod.name);
      const item = bar(pod.role + ' ' + pod.name, [pod.phase, pod.container].filter(Boolean).join(' · '),
        start, end, t0, t1, failure ? 'failed' : pod.role);
      if (failure) item.append(relay.el('span', {class: 'failure-note'}, '✗ ' + failure.reason + (failure.message ? ': ' + failure.message : '')));
      const logs = relay.link(links.logsUrl, {namespace: pod.namespace, pod: pod.name}, 'logs');
      if (logs) item.append(' ', logs);
      pods.append(item);
    }
    document.getElementById('pods-section').hidden = (run.pods || []).length === 0;

    const failures = document.getElementById('failures');
    failures.replaceChildren();
    for (const f of run.failures || []) {
      failures.append(relay.el('li', {},
        relay.el('strong', {}, f.reason), f.fatal ? ' (ended the run)' : '',
        ' on ', relay.el('code', {}, f.source || f.origin || ''),
        f.message ? relay.el('div', {class: 'message'}, f.message) : ''));
    }
    document.getElementById('failures-section').hidden = (run.failures || []).length === 0;

    const dead = run.deadLetter;
    document.getElementById('dead-section').hidden = !dead;
    if (dead) {
      const list = document.getElementById('dead');
      list.replaceChildren();
      fact(list, 'Service', dead.service);
      fact(list, 'Cause', dead.cause);
      fact(list, 'Reason', dead.reason);
      fact(list, 'When', relay.time(dead.at));
      fact(list, 'Event size', dead.bodyBytes !== null && dead.bodyBytes !== undefined ? dead.bodyBytes + ' bytes on the EventBus' : '',
        dead.bodyTruncated ? ' (shown cut to its first 1,024 characters)' : '');
      document.getElementById('dead-body').textContent = dead.body || '';
    }
    document.getElementById('redrive').hidden =
      !(dead && run.state === 'DEAD_LETTERED' && dead.service === 'workflow-launcher');

    const redrives = document.getElementById('redrives');
    redrives.replaceChildren();
    for (const r of run.redrives || []) {
      redrives.append(relay.el('li', {}, 'sent again by ', relay.el('strong', {}, r.by), ' at ', relay.time(r.at)));
    }
    document.getElementById('redrives-section').hidden = (run.redrives || []).length === 0;
  }

  document.getElementById('redrive').addEventListener('submit', async (event) => {
    event.preventDefault();
    const answerText = document.getElementById('redrive-answer');
    const credential = document.getElementById('redrive-credential').value.trim();
    answerText.textContent = 'sending…';
    let answer;
    try {
      answer = await fetch('/api/v1/runs/' + encodeURIComponent(runId) + '/redrive', {
        method: 'POST',
        headers: {Authorization: 'Bearer ' + credential, 'Idempotency-Key': (crypto.randomUUID ? crypto.randomUUID() : Date.now() + '-' + Math.random().toString(36).slice(2)), Accept: 'application/json'},
      });
    } catch (e) {
      answerText.textContent = 'not sent: ' + e.message;
      return;
    }
    const body = await answer.json().catch(() => ({}));
    if (answer.ok) {
      answerText.textContent = 'sent again by ' + body.by + '; following the new attempt…';
      document.getElementById('redrive-credential').value = '';
      load();
    } else {
      answerText.textContent = 'refused (' + answer.status + '): ' + (body.message || answer.statusText);
    }
  });

  async function load() {
    try {
      const run = await relay.json('/api/v1/runs/' + encodeURIComponent(runId));
      render(run);
      if (!['COMPLETED', 'FAILED', 'REFUSED', 'DEAD_LETTERED', 'FILTERED', 'TOO_OLD'].includes(run.state)) {
        setTimeout(load, 2000);
      }
    } catch (e) {
      document.getElementById('outcome').textContent = 'No answer for this run yet (' + e.message + '); trying again.';
      setTimeout(load, 2000);
    }
  }

  relay.json('/api/v1/ui').then((ui) => { links = ui; }).catch(() => {}).finally(load);
})();
