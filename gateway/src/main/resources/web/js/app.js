// The staff wall display: live state from the gateway's SSE stream, alarm sound, and a loud
// full-screen warning whenever the stream goes quiet (a frozen display must never look calm).
import * as sound from './sound.js';
import * as actions from './actions.js';
import * as boothDetails from './booth-details.js';
import { renderAlarms } from './alarms-view.js';
import { renderBooths, versionsInUse } from './booths-view.js';
import { syncServerTime, serverNow, formatClock, formatDate, formatDuration } from './time.js';
import { isActive, isAcknowledged, isEscalated, compareAlarms } from './labels.js';

const STALE_AFTER_MS = 5000;
const REOPEN_EVERY_MS = 3000;

const state = {
  site: null,
  training: false,     // the gateway says this is a training site: every alarm is a drill
  booths: new Map(),   // booth id -> booth view
  alarms: new Map(),   // alarm id -> active alarm view
  resolved: new Set(), // ids seen resolved: a late booth view must not bring them back
  mqttConnected: true, // the gateway's own link to the booths, from ticks
  synced: false,       // a snapshot has arrived at least once
};
const conn = {
  es: null,
  lastMessage: performance.now(),
  openedAt: 0,
  attempts: 0,
  open: false,
  stale: false,
  everConnected: false,
};

// For the browser test and for a technician's console.
window.boothwatch = { state, conn, sound: sound.stats, audioState: sound.audioState };

function connect() {
  if (conn.es) conn.es.close();
  conn.attempts++;
  conn.openedAt = performance.now();
  const es = new EventSource('/api/stream');
  conn.es = es;
  es.addEventListener('open', () => {
    if (es !== conn.es) return;
    conn.open = true;
    conn.everConnected = true;
    refresh();
  });
  es.addEventListener('error', () => {
    if (es !== conn.es) return;
    conn.open = false;
    // A refused or broken stream ends as CLOSED and is never retried by the browser: we do it.
    if (es.readyState === EventSource.CLOSED) setTimeout(() => { if (es === conn.es) connect(); }, REOPEN_EVERY_MS);
    refresh();
  });
  es.addEventListener('snapshot', ev => handle(es, ev, onSnapshot));
  es.addEventListener('booth', ev => handle(es, ev, onBooth));
  es.addEventListener('alarm', ev => handle(es, ev, onAlarm));
  es.addEventListener('tick', ev => handle(es, ev, onTick));
  es.addEventListener('message', ev => handle(es, ev, () => {}));
}

function handle(es, ev, fn) {
  if (es !== conn.es) return;
  conn.lastMessage = performance.now();
  conn.open = true;
  let data;
  try {
    data = JSON.parse(ev.data);
  } catch (e) {
    console.warn('boothwatch: unreadable SSE data', ev.type, e);
    return;
  }
  fn(data);
  refresh();
}

// First event of every connection: the whole site, replacing whatever this page knew.
function onSnapshot(s) {
  if (!s) return;
  state.site = s.site || state.site;
  state.training = s.training === true;
  if (s.serverTime) syncServerTime(s.serverTime);
  state.booths.clear();
  state.alarms.clear();
  state.synced = true;
  for (const b of s.booths || []) onBooth(b);
  for (const a of s.alarms || []) onAlarm(a);
}

function onBooth(b) {
  if (!b || !b.booth) return;
  state.booths.set(b.booth, b);
  // The booth view carries its active alarms: keep them even if their own event comes later.
  for (const a of b.alarms || []) {
    if (a && a.id && isActive(a) && !state.alarms.has(a.id) && !state.resolved.has(a.id)) {
      onAlarm({ ...a, booth: a.booth || b.booth });
    }
  }
}

function onAlarm(a) {
  if (!a || !a.id) return;
  if (!isActive(a)) {
    state.alarms.delete(a.id);
    state.resolved.add(a.id);
    if (state.resolved.size > 5000) state.resolved.clear();
    return;
  }
  state.alarms.set(a.id, a);
}

function onTick(t) {
  if (!t) return;
  if (t.serverTime) syncServerTime(t.serverTime);
  if (typeof t.mqttConnected === 'boolean') state.mqttConnected = t.mqttConnected;
}

// Runs several times a second: detects silence even if no event ever fires again.
function watchdog() {
  const silent = performance.now() - conn.lastMessage;
  const stale = silent > STALE_AFTER_MS;
  if (stale && performance.now() - conn.openedAt > REOPEN_EVERY_MS) {
    // Covers a stalled-but-open connection too: EventSource would wait forever on it.
    connect();
  }
  const changed = stale !== conn.stale;
  conn.stale = stale;
  document.body.dataset.stale = String(stale);
  document.getElementById('stale-overlay').hidden = !stale;
  document.getElementById('stale-for').textContent = `${Math.floor(silent / 1000)} s`;
  document.getElementById('stale-attempt').textContent = String(conn.attempts);
  if (changed) refresh();
}

let renderQueued = false;
function refresh() {
  if (renderQueued) return;
  renderQueued = true;
  // A timer, not requestAnimationFrame: it keeps running when the TV browser is not "visible".
  setTimeout(() => {
    renderQueued = false;
    render();
  }, 0);
}

function render() {
  const alarms = [...state.alarms.values()];
  const byBooth = new Map();
  for (const a of alarms) {
    if (!byBooth.has(a.booth)) byBooth.set(a.booth, []);
    byBooth.get(a.booth).push(a);
  }
  renderAlarms(alarms, { ack: actions.ack, resolve: actions.openResolve }, state.synced, state.training);
  renderBooths([...state.booths.values()], byBooth, state.training);
  boothDetails.render();
  renderTopBar();
  renderTraining();
  renderWarnings();
  chooseSound(alarms);
}

function chooseSound(alarms) {
  const loud = alarms.filter(a => !isAcknowledged(a)).sort((a, b) =>
    compareAlarms(a, b) || (isEscalated(b) - isEscalated(a)));
  if (conn.stale) {
    // Still sound the alarms we know of; otherwise tell staff the display itself is blind.
    if (loud.length) sound.play(loud[0].priority, isEscalated(loud[0])); else sound.play('STALE', false);
    document.body.dataset.sound = sound.stats.pattern;
    return;
  }
  if (loud.length) {
    const top = loud[0];
    const escalated = loud.some(a => a.priority === top.priority && isEscalated(a));
    sound.play(top.priority, escalated);
  } else {
    sound.play(null);
  }
  document.body.dataset.sound = sound.stats.pattern + (sound.stats.escalated ? '-escalated' : '');
}

function renderTopBar() {
  const now = serverNow();
  document.getElementById('clock').textContent = now === null ? '--:--:--' : formatClock(now);
  document.getElementById('date').textContent = now === null ? 'waiting for gateway time' : formatDate(now);
  document.getElementById('site').textContent = state.site || '';
  const live = document.getElementById('live');
  if (conn.open && !conn.stale) {
    live.textContent = 'LIVE';
    live.className = 'pill pill-good';
  } else {
    live.textContent = conn.everConnected ? 'CONNECTION LOST — RECONNECTING' : 'CONNECTING…';
    live.className = 'pill pill-bad';
  }
  const s = document.getElementById('sound-state');
  const on = sound.enabled();
  s.textContent = on ? 'SOUND ON' : 'SOUND OFF — TAP';
  s.className = on ? 'pill pill-good' : 'pill pill-bad';
  const access = document.getElementById('access');
  access.textContent = actions.token() ? 'STAFF TOKEN SET' : 'NO STAFF TOKEN';
  access.className = actions.token() ? 'pill pill-muted' : 'pill pill-muted faint';
}

// Permanent while the site is a training site; the page title says it too (tab lists, kiosk managers).
function renderTraining() {
  document.body.dataset.training = String(state.training);
  document.getElementById('training-banner').hidden = !state.training;
  const title = state.training ? 'TRAINING — boothwatch staff wall display' : 'boothwatch — staff wall display';
  if (document.title !== title) document.title = title;
}

function renderWarnings() {
  const box = document.getElementById('warnings');
  const versions = versionsInUse(state.booths.values());
  let text = '';
  if (!state.mqttConnected && conn.open) {
    text = 'GATEWAY HAS LOST ITS CONNECTION TO THE BOOTHS (MQTT) — booth states and alarms may be out of date';
  } else if (versions.size > 1) {
    const parts = [...versions.entries()].map(([v, booths]) => `${v} (${booths.join(', ')})`);
    text = `Booths run different agent versions: ${parts.join(' · ')}`;
  }
  if (box.textContent !== text) box.textContent = text;
  box.className = !state.mqttConnected && conn.open ? 'bad' : '';
  box.hidden = text === '';
}

function setupSound() {
  const running = sound.init();
  const overlay = document.getElementById('sound-overlay');
  overlay.hidden = running;
  const enable = async () => {
    await sound.enable();
    overlay.hidden = sound.enabled();
    refresh();
  };
  // Any tap on the overlay counts (the button inside is just the obvious target).
  overlay.addEventListener('click', enable);
  document.getElementById('sound-state').addEventListener('click', enable);
  // If the browser suspends audio later (e.g. after a device change), ask again.
  sound.onChange(on => {
    if (!on) overlay.hidden = false;
    refresh();
  });
}

function start() {
  actions.initFromUrl();
  actions.setup(refresh);
  boothDetails.setup(id => state.booths.get(id));
  document.getElementById('access').addEventListener('click', () => actions.openToken());
  setupSound();
  connect();
  setInterval(watchdog, 100);
  setInterval(refresh, 500);
  window.addEventListener('error', e => console.error('boothwatch display error:', e.message));
  document.getElementById('stale-for').textContent = formatDuration(0);
}

start();
