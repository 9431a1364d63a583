// Shared by the run pages. Everything shown is set with textContent: a value from a message never becomes markup.
'use strict';

const relay = {
  // el('td', {class: 'x'}, 'text', child...): an element with attributes and text or element children
  el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (value !== undefined && value !== null) node.setAttribute(key, String(value));
    }
    for (const child of children) {
      if (child === undefined || child === null) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  },

  // the state with a symbol, so the meaning never rests on colour alone
  stateBadge(state) {
    const symbols = {
      COMPLETED: '✓', FAILED: '✗', REFUSED: '⊘', DEAD_LETTERED: '✉', FILTERED: '∅', TOO_OLD: '⌛',
    };
    const symbol = symbols[state] || '…';
    return relay.el('span', {class: 'state state-' + String(state).toLowerCase()},
      relay.el('span', {'aria-hidden': 'true'}, symbol + ' '), String(state));
  },

  duration(ms) {
    if (ms === null || ms === undefined) return '';
    if (ms < 1000) return ms + ' ms';
    const s = ms / 1000;
    if (s < 120) return s.toFixed(1) + ' s';
    return Math.floor(s / 60) + ' min ' + Math.round(s % 60) + ' s';
  },

  time(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    return isNaN(d) ? String(iso) : d.toLocaleString();
  },

  async json(url) {
    const answer = await fetch(url, {headers: {Accept: 'application/json'}});
    if (!answer.ok) throw new Error(url + ': ' + answer.status);
    return answer.json();
  },

  runLink(runId) {
    return relay.el('a', {href: '/runs/' + encodeURIComponent(runId)}, runId);
  },

  // a configured link template filled with URL-encoded values; only http(s) templates are ever served
  link(template, values, text) {
    if (!template) return null;
    let url = template;
    for (const [key, value] of Object.entries(values)) {
      url = url.split('{' + key + '}').join(encodeURIComponent(value || ''));
    }
    if (!/^https?:\/\//.test(url)) return null;
    return relay.el('a', {href: url, rel: 'noopener noreferrer', target: '_blank'}, text);
  },
};
