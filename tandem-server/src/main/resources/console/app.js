// Tandem web console: logs in, shows one tab at a time from the admin API, and reloads it whenever the
// live feed (a WebSocket) says something changed. No framework, no build step.
'use strict';

const PAGE = 50;
const state = { tab: 'terminals', offset: 0, search: '', outOfService: false, me: null, socket: null, reloading: false, again: false };
const $ = (id) => document.getElementById(id);

async function api(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
    credentials: 'same-origin',
  });
  const text = await response.text();
  const data = text ? JSON.parse(text) : {};
  if (response.status === 401) {
    showLogin();
  }
  if (!response.ok) {
    throw new Error(data.error || response.statusText);
  }
  return data;
}

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (k === 'onclick') node.addEventListener('click', v);
    else if (v !== undefined && v !== null) node.setAttribute(k, v);
  });
  children.flat().forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(c ?? '')));
  return node;
}

function say(text, isError) {
  const m = $('message');
  m.textContent = text || '';
  m.className = 'message' + (isError ? ' error' : '');
}

function showLogin() {
  state.me = null;
  if (state.socket) state.socket.close();
  $('app').hidden = true;
  $('login').hidden = false;
}

async function start() {
  try {
    state.me = await api('GET', '/api/auth/me');
  } catch (e) {
    showLogin();
    return;
  }
  $('login').hidden = true;
  $('app').hidden = false;
  $('who').textContent = `${state.me.user} (${state.me.role})`;
  document.body.classList.toggle('read-only', state.me.role !== 'admin');
  connectLive();
  await reload();
}

function connectLive() {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const socket = new WebSocket(`${scheme}://${location.host}/api/admin/live`);
  state.socket = socket;
  socket.onopen = () => $('live').classList.add('on');
  socket.onmessage = () => reload();
  socket.onclose = () => {
    $('live').classList.remove('on');
    if (state.me && state.socket === socket) setTimeout(connectLive, 1000);
  };
}

// One reload at a time; a change during a reload triggers one more.
async function reload() {
  if (state.reloading) {
    state.again = true;
    return;
  }
  state.reloading = true;
  try {
    await render();
  } catch (e) {
    say(e.message, true);
  } finally {
    state.reloading = false;
    if (state.again) {
      state.again = false;
      reload();
    }
  }
}

const isAdmin = () => state.me && state.me.role === 'admin';

// Rebuilds the table; what the user is typing in its inputs (and where the cursor is) survives a live update.
function table(columns, rows, rowKey) {
  const thead = $('table').querySelector('thead');
  const tbody = $('table').querySelector('tbody');
  const typed = {};
  tbody.querySelectorAll('input[data-testid]').forEach((i) => { if (i.value) typed[i.dataset.testid] = i.value; });
  const focused = document.activeElement && tbody.contains(document.activeElement) ? document.activeElement.dataset.testid : null;
  thead.replaceChildren(el('tr', {}, columns.map((c) => el('th', {}, c.title))));
  tbody.replaceChildren(...rows.map((r) => el('tr', { 'data-key': rowKey(r) },
    columns.map((c) => el('td', { 'data-col': c.key }, c.cell ? c.cell(r) : (r[c.key] ?? ''))))));
  tbody.querySelectorAll('input[data-testid]').forEach((i) => {
    if (typed[i.dataset.testid] !== undefined) i.value = typed[i.dataset.testid];
    if (i.dataset.testid === focused) i.focus();
  });
}

function pager(total, shown) {
  $('range').textContent = total === 0 ? 'none' : `${state.offset + 1}–${state.offset + shown} of ${total.toLocaleString('en')}`;
  $('prev').disabled = state.offset === 0;
  $('next').disabled = state.offset + shown >= total;
}

function stateCell(r) {
  return el('span', { class: r.state === 'InService' || r.inService === true ? 'ok' : 'bad' },
    r.state ? (r.state === 'InService' ? 'in service' : `out of service${r.reason ? ' (' + r.reason + ')' : ''}`)
      : (r.inService ? 'in service' : 'out of service'));
}

async function action(label, method, path, body) {
  try {
    await api(method, path, body);
    say(`${label}: done`);
  } catch (e) {
    say(`${label}: ${e.message}`, true);
  }
  reload();
}

const renderers = {
  async terminals() {
    const page = await api('GET', `/api/admin/dns?terminals=true&search=${encodeURIComponent(state.search)}&outOfService=${state.outOfService}&offset=${state.offset}&limit=${PAGE}`);
    table([
      { key: 'dn', title: 'DN' }, { key: 'owner', title: 'Owner' }, { key: 'device', title: 'Device' },
      { key: 'state', title: 'State', cell: stateCell }, { key: 'remoteDest', title: 'Remote destination' },
      { key: 'remoteName', title: 'Name' }, { key: 'controller', title: 'Controlling client' },
      { key: 'registeredClients', title: 'Registered clients', cell: (r) => r.registeredClients.join(', ') },
      { key: 'actions', title: '', cell: deviceServiceAction },
    ], page.rows, (r) => r.dn);
    pager(page.total, page.rows.length);
  },

  async dns() {
    const page = await api('GET', `/api/admin/dns?search=${encodeURIComponent(state.search)}&outOfService=${state.outOfService}&offset=${state.offset}&limit=${PAGE}`);
    table([
      { key: 'dn', title: 'DN' }, { key: 'type', title: 'Type' }, { key: 'device', title: 'Device' },
      { key: 'state', title: 'State', cell: stateCell }, { key: 'loggedInUser', title: 'EM user' },
      { key: 'registeredClients', title: 'Registered clients', cell: (r) => r.registeredClients.join(', ') },
    ], page.rows, (r) => r.dn);
    pager(page.total, page.rows.length);
  },

  async phones() {
    const all = await api('GET', '/api/admin/phones');
    const needle = state.search.toLowerCase();
    const matching = all.filter((p) => !needle || [p.device, p.model, p.user, p.profile, ...(p.lines || [])]
      .some((v) => v && String(v).toLowerCase().includes(needle)))
      .filter((p) => !state.outOfService || !p.inService);
    const rows = matching.slice(state.offset, state.offset + PAGE);
    const time = (ms) => (ms ? new Date(ms).toLocaleString() : '');
    table([
      { key: 'device', title: 'Device' }, { key: 'model', title: 'Model' },
      { key: 'lines', title: 'Lines', cell: (p) => (p.lines || []).join(', ') },
      { key: 'state', title: 'State', cell: stateCell },
      { key: 'user', title: 'Logged-in user' }, { key: 'profile', title: 'Profile' },
      { key: 'since', title: 'Since', cell: (p) => time(p.loggedInAt) },
      { key: 'logoutAt', title: 'Automatic logout', cell: (p) => time(p.logoutAt) },
      { key: 'actions', title: '', cell: phoneActions },
    ], rows, (p) => p.device);
    pager(matching.length, rows.length);
  },

  async agents() {
    const agents = await api('GET', '/api/admin/agents');
    const needle = state.search.toLowerCase();
    const rows = agents.filter((a) => !needle || [a.agentId, a.dn, a.state, a.reason, a.loggedInBy].some((v) => v && v.toLowerCase().includes(needle)));
    const since = (ms) => `${Math.max(0, Math.round((Date.now() - ms) / 1000))} s`;
    table([
      { key: 'agentId', title: 'AgentID' }, { key: 'dn', title: 'DN' },
      { key: 'state', title: 'State', cell: (a) => el('span', { class: a.state === 'Ready' ? 'ok' : 'bad' }, a.state) },
      { key: 'workMode', title: 'Work mode' }, { key: 'reason', title: 'Reason' },
      { key: 'since', title: 'Time in state', cell: (a) => since(a.since) },
      { key: 'loggedInBy', title: 'Logged in by' },
      { key: 'actions', title: '', cell: agentActions },
    ], rows.slice(state.offset, state.offset + PAGE), (a) => a.dn);
    pager(rows.length, Math.min(PAGE, rows.length - state.offset));
  },

  async routing() {
    const view = await api('GET', '/api/admin/routing');
    table([
      { key: 'dn', title: 'Route point' },
      { key: 'routers', title: 'Routers', cell: (r) => el('span', { class: r.routers > 0 ? 'ok' : 'bad' }, String(r.routers)) },
      { key: 'callback', title: 'Route callback', cell: (r) => (r.callbackRegistered ? 'registered' : 'none') },
      { key: 'waiting', title: 'Calls waiting', cell: (r) => String(r.waiting.length) },
      { key: 'longest', title: 'Longest wait', cell: (r) => longestWait(r.waiting) },
      { key: 'calls', title: 'Waiting calls', cell: (r) => r.waiting.map((w) => `${w.connId}${w.queue ? ' (in ' + w.queue + ')' : ''}`).join(', ') },
    ], view.routePoints, (r) => r.dn);
    pager(view.routePoints.length, view.routePoints.length);
    $('extra').append(el('h2', {}, 'Virtual queues'), queueTable(view.queues));
  },

  async wallboard() {
    const [view, agents] = await Promise.all([api('GET', '/api/admin/routing'), api('GET', '/api/admin/agents')]);
    table([], [], () => '');
    pager(0, 0);
    const count = (test) => agents.filter(test).length;
    const waiting = view.routePoints.flatMap((r) => r.waiting);
    const tile = (id, label, value) => el('div', { class: 'tile', 'data-testid': `wallboard-${id}` },
      el('span', { class: 'tile-value' }, String(value)), el('span', { class: 'tile-label' }, label));
    $('extra').append(
      el('div', { class: 'tiles' },
        tile('ready', 'Ready', count((a) => a.state === 'Ready')),
        tile('not-ready', 'Not Ready', count((a) => a.state === 'NotReady' && a.workMode !== 'AfterCallWork')),
        tile('acw', 'After-call work', count((a) => a.workMode === 'AfterCallWork')),
        tile('waiting', 'Calls waiting', waiting.length),
        tile('longest', 'Longest wait', longestWait(waiting) || '—')),
      el('h2', {}, 'Queues'), queueTable(view.queues),
      el('h2', {}, 'Calls routed per minute'), routedChart(view.routedPerMinute));
  },

  async calls() {
    const [calls, recordings, monitorings] = await Promise.all([api('GET', '/api/admin/calls'), api('GET', '/api/admin/recordings'),
      api('GET', '/api/admin/monitorings')]);
    table([
      { key: 'connId', title: 'ConnID' }, { key: 'callId', title: 'Call ID' }, { key: 'callType', title: 'Type' },
      { key: 'parties', title: 'Parties', cell: (c) => Object.entries(c.parties).map(([dn, s]) => `${dn}: ${s}`).join(', ') },
      { key: 'recording', title: 'Recording', cell: (c) => recordingCell(c, recordings) },
      { key: 'monitoring', title: 'Monitored by', cell: (c) => monitorings.filter((m) => m.monitoredConnId === c.connId)
        .map((m) => `${m.supervisorDn} (${m.mode}) on ${m.agentDn}`).join(', ') },
      { key: 'userData', title: 'Attached data', cell: (c) => Object.entries(c.userData).map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : v}`).join(', ') },
    ], calls, (c) => c.connId);
    pager(calls.length, calls.length);
    const extra = $('extra');
    extra.replaceChildren();
    let switchCalls;
    try {
      switchCalls = await api('GET', '/api/switch/calls');
    } catch (e) {
      return;
    }
    extra.append(el('h2', {}, 'On the switch'), el('table', { 'data-testid': 'switch-calls' },
      el('thead', {}, el('tr', {}, ['Call ID', 'State', 'Party', 'Through', 'Party state', ''].map((t) => el('th', {}, t)))),
      el('tbody', {}, switchCalls.flatMap((c) => c.parties.map((p) => el('tr', { 'data-party': p.remoteDestination || p.address },
        el('td', {}, String(c.callId)), el('td', {}, c.state), el('td', {}, p.address), el('td', {}, p.remoteDestination || ''),
        el('td', { 'data-col': 'partyState' }, p.state), el('td', {}, partyActions(p))))))));
  },

  async clients() {
    const clients = await api('GET', '/api/admin/clients');
    const needle = state.search.toLowerCase();
    const rows = clients.filter((c) => !needle || [c.application, c.identity, c.address, ...c.dns].some((v) => v && v.toLowerCase().includes(needle)));
    table([
      { key: 'id', title: '#' }, { key: 'application', title: 'Application' }, { key: 'identity', title: 'Identity' },
      { key: 'address', title: 'Address' }, { key: 'transport', title: 'Transport' },
      { key: 'registrations', title: 'Registrations', cell: (c) => `${c.registrations}${c.dns.length ? ': ' + c.dns.slice(0, 10).join(', ') + (c.registrations > 10 ? ' …' : '') : ''}` },
      { key: 'queuedBytes', title: 'Queued bytes' }, { key: 'eventsSent', title: 'Events sent' },
    ], rows, (c) => String(c.id));
    pager(rows.length, rows.length);
  },

  async server() {
    const s = await api('GET', '/api/admin/server');
    const rows = [
      ['Server', s.server], ['Role', s.role], ['Version', s.version], ['Switch link', s.switchLink],
      ['Clients', s.clients], ['Sync state', s.ha.syncState], ['Peer', s.ha.peer || ''], ['Sync lag (ms)', s.ha.syncLagMs],
      ['Switchovers', s.ha.switchovers], ['Uptime', `${Math.round(s.jvm.uptimeMs / 1000)} s`],
      ['Heap used', `${Math.round(s.jvm.heapUsedBytes / 1048576)} MB`],
    ].map(([k, v]) => ({ key: k, value: String(v) }));
    table([{ key: 'key', title: 'Item' }, { key: 'value', title: 'Value' }], rows, (r) => r.key);
    pager(rows.length, rows.length);
  },
};

// Each party of the call: its recording (ID, paused) and, for an admin, a button to start or stop it.
function recordingCell(call, recordings) {
  const box = el('span', { class: 'actions' });
  Object.keys(call.parties).forEach((dn) => {
    const rec = recordings.find((r) => r.connId === call.connId && r.dn === dn);
    const path = `/api/admin/calls/${encodeURIComponent(call.connId)}/recording`;
    if (rec) {
      box.append(el('span', { class: 'ok', 'data-testid': `recording-${call.connId}-${dn}` }, `${dn}: ${rec.recordingId}${rec.paused ? ' (paused)' : ''}`));
      if (isAdmin() && !rec.automatic) {
        box.append(el('button', { 'data-testid': `record-stop-${call.connId}-${dn}`, onclick: () => action(`stop recording ${dn}`, 'POST', path, { dn, action: 'stop' }) }, 'Stop'));
      }
    } else if (isAdmin()) {
      box.append(el('button', { 'data-testid': `record-start-${call.connId}-${dn}`, onclick: () => action(`record ${dn}`, 'POST', path, { dn, action: 'start' }) }, `Record ${dn}`));
    }
  });
  return box;
}

function longestWait(calls) {
  if (!calls.length) return '';
  const oldest = Math.min(...calls.map((w) => w.since));
  return `${Math.max(0, Math.round((Date.now() - oldest) / 1000))} s`;
}

function queueTable(queues) {
  return el('table', { 'data-testid': 'queues' },
    el('thead', {}, el('tr', {}, ['Queue', 'Calls waiting', 'Longest wait'].map((t) => el('th', {}, t)))),
    el('tbody', {}, queues.map((q) => el('tr', { 'data-queue': q.dn },
      el('td', {}, q.dn), el('td', { 'data-col': 'depth' }, String(q.waiting.length)), el('td', { 'data-col': 'longest' }, longestWait(q.waiting))))));
}

// A bar per minute, oldest first; the last bar is the minute running now.
function routedChart(minutes) {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  const width = 600; const height = 140; const bar = width / minutes.length;
  const max = Math.max(1, ...minutes.map((m) => m.routed));
  svg.setAttribute('viewBox', `0 0 ${width} ${height + 20}`);
  svg.setAttribute('class', 'chart');
  svg.setAttribute('data-testid', 'routed-chart');
  minutes.forEach((m, i) => {
    const h = Math.round((m.routed / max) * height);
    const rect = document.createElementNS(ns, 'rect');
    Object.entries({ x: i * bar + 2, y: height - h, width: bar - 4, height: h, 'data-routed': m.routed }).forEach(([k, v]) => rect.setAttribute(k, v));
    const label = document.createElementNS(ns, 'text');
    Object.entries({ x: i * bar + bar / 2, y: height + 14, 'text-anchor': 'middle' }).forEach(([k, v]) => label.setAttribute(k, v));
    label.textContent = String(m.routed);
    svg.append(rect, label);
  });
  return svg;
}

function phoneActions(p) {
  if (!isAdmin()) return '';
  const device = encodeURIComponent(p.device);
  const box = el('span', { class: 'actions' });
  if (p.emEnabled && !p.user) {
    const user = el('input', { placeholder: 'user', 'data-testid': `login-user-${p.device}`, size: 8 });
    const profile = el('input', { placeholder: 'profile (optional)', 'data-testid': `login-profile-${p.device}`, size: 12 });
    box.append(user, profile, el('button', {
      'data-testid': `login-${p.device}`,
      onclick: () => action(`log ${user.value} in to ${p.device}`, 'POST', `/api/admin/phones/${device}/login`, { user: user.value, profile: profile.value }),
    }, 'Log in'));
  }
  if (p.user) {
    box.append(el('button', { 'data-testid': `logout-${p.device}`, onclick: () => action(`log out of ${p.device}`, 'POST', `/api/admin/phones/${device}/logout`) }, 'Log out'));
  }
  box.append(p.inService
    ? el('button', { onclick: () => action(`${p.device} out of service`, 'POST', `/api/switch/devices/${device}/out-of-service`) }, 'Out of service')
    : el('button', { onclick: () => action(`${p.device} in service`, 'POST', `/api/switch/devices/${device}/in-service`) }, 'In service'));
  return box;
}

// Simulator: take a DN's device out of service (it unregisters from the switch) or back.
function deviceServiceAction(r) {
  if (!isAdmin() || !r.device) return '';
  const device = encodeURIComponent(r.device);
  return r.reason === 'DeviceOutOfService'
    ? el('button', { 'data-testid': `in-service-${r.device}`, onclick: () => action(`${r.device} in service`, 'POST', `/api/switch/devices/${device}/in-service`) }, 'In service')
    : el('button', { 'data-testid': `out-of-service-${r.device}`, onclick: () => action(`${r.device} out of service`, 'POST', `/api/switch/devices/${device}/out-of-service`) }, 'Out of service');
}

function agentActions(a) {
  if (!isAdmin()) return '';
  const dn = encodeURIComponent(a.dn);
  const box = el('span', { class: 'actions' });
  if (a.state === 'Ready') {
    box.append(el('button', { 'data-testid': `agent-not-ready-${a.dn}`, onclick: () => action(`agent ${a.agentId} Not Ready`, 'POST', `/api/admin/agents/${dn}/not-ready`) }, 'Not Ready'));
  }
  box.append(el('button', { 'data-testid': `agent-logout-${a.dn}`, onclick: () => action(`log agent ${a.agentId} out`, 'POST', `/api/admin/agents/${dn}/logout`) }, 'Log out'));
  return box;
}

function partyActions(p) {
  if (!isAdmin()) return '';
  const at = p.remoteDestination || p.address;
  const box = el('span', { class: 'actions' });
  if (p.state === 'ALERTING') {
    box.append(el('button', { 'data-testid': `answer-${at}`, onclick: () => action(`answer at ${at}`, 'POST', `/api/switch/parties/${encodeURIComponent(at)}/answer`) }, 'Answer'));
  }
  box.append(el('button', { 'data-testid': `hangup-${at}`, onclick: () => action(`hang up at ${at}`, 'POST', `/api/switch/parties/${encodeURIComponent(at)}/hangup`) }, 'Hang up'));
  return box;
}

async function render() {
  $('extra').replaceChildren();
  await renderers[state.tab]();
  window.tandemRenders = (window.tandemRenders || 0) + 1; // how many times the page was brought up to date
}

function selectTab(tab) {
  state.tab = tab;
  document.body.classList.toggle('wallboard', tab === 'wallboard');
  state.offset = 0;
  document.querySelectorAll('#tabs button').forEach((b) => b.classList.toggle('active', b.dataset.tab === tab));
  say('');
  reload();
}

document.addEventListener('DOMContentLoaded', () => {
  $('login-form').addEventListener('submit', async (e) => {
    e.preventDefault();
    $('login-error').textContent = '';
    try {
      await api('POST', '/api/auth/login', { user: $('login-user').value, password: $('login-password').value });
      $('login-password').value = '';
      await start();
    } catch (err) {
      $('login-error').textContent = err.message;
    }
  });
  $('logout').addEventListener('click', async () => {
    await api('POST', '/api/auth/logout').catch(() => {});
    showLogin();
  });
  document.querySelectorAll('#tabs button').forEach((b) => b.addEventListener('click', () => selectTab(b.dataset.tab)));
  // waiting times grow by themselves: the routing views refresh every second
  setInterval(() => { if (state.me && (state.tab === 'routing' || state.tab === 'wallboard')) reload(); }, 1000);
  if (location.hash === '#wallboard') { // a screen left on the wallboard opens on it
    state.tab = 'wallboard';
    document.body.classList.add('wallboard');
    document.querySelectorAll('#tabs button').forEach((b) => b.classList.toggle('active', b.dataset.tab === 'wallboard'));
  }
  let typing;
  $('search').addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => {
      state.search = $('search').value;
      state.offset = 0;
      reload();
    }, 200);
  });
  $('out-of-service').addEventListener('change', () => {
    state.outOfService = $('out-of-service').checked;
    state.offset = 0;
    reload();
  });
  $('prev').addEventListener('click', () => { state.offset = Math.max(0, state.offset - PAGE); reload(); });
  $('next').addEventListener('click', () => { state.offset += PAGE; reload(); });
  $('place-call').addEventListener('submit', (e) => {
    e.preventDefault();
    action(`call from ${$('call-from').value} to ${$('call-to').value}`, 'POST', '/api/switch/calls', { from: $('call-from').value, to: $('call-to').value });
  });
  $('party-answer').addEventListener('click', () => action(`answer at ${$('party-number').value}`, 'POST', `/api/switch/parties/${encodeURIComponent($('party-number').value)}/answer`));
  $('party-hangup').addEventListener('click', () => action(`hang up at ${$('party-number').value}`, 'POST', `/api/switch/parties/${encodeURIComponent($('party-number').value)}/hangup`));
  start();
});
