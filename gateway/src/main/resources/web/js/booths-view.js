// One tile per booth: name, phase (word + colour + icon), times, online state, agent version.
import { el, setText, setClass, setHtml, setHidden, order } from './dom.js';
import { icon } from './icons.js';
import { sinceMs, formatDuration } from './time.js';
import { PHASE_WORD, shortTitle, compareBooths, compareAlarms, isAcknowledged } from './labels.js';
import * as details from './booth-details.js';

const tiles = new Map(); // booth id -> {root, parts}

/**
 * @param booths booth views; @param alarmsByBooth Map booth -> active alarm views
 * @param trainingSite the site is a training site: every tile carries a TRAINING tag
 */
export function renderBooths(booths, alarmsByBooth, trainingSite) {
  const grid = document.getElementById('booths');
  const sorted = [...booths].sort((a, b) => compareBooths(a.booth, b.booth));
  grid.style.setProperty('--cols', String(columns(sorted.length)));
  grid.style.setProperty('--rows', String(Math.max(1, Math.ceil(sorted.length / columns(sorted.length)))));

  const seen = new Set();
  const elements = sorted.map(b => {
    seen.add(b.booth);
    let tile = tiles.get(b.booth);
    if (!tile) {
      tile = createTile(b);
      tiles.set(b.booth, tile);
    }
    updateTile(tile, b, alarmsByBooth.get(b.booth) || [], trainingSite || b.training === true);
    return tile.root;
  });
  for (const [id, tile] of tiles) {
    if (!seen.has(id)) {
      tile.root.remove();
      tiles.delete(id);
    }
  }
  order(grid, elements);
}

function columns(n) {
  if (n <= 4) return Math.max(1, n);
  if (n <= 8) return 4;
  if (n <= 12) return 6;
  if (n <= 18) return 6;
  return 8;
}

function createTile(b) {
  const root = el('article', 'tile');
  root.dataset.booth = b.booth;
  const p = {
    name: el('div', 't-name'),
    training: el('div', 't-training', 'TRAINING'),
    online: el('div', 't-online'),
    onlineIcon: el('span', 't-online-icon'),
    onlineWord: el('span', 't-online-word'),
    phaseIcon: el('div', 't-icon'),
    phase: el('div', 't-phase'),
    alarm: el('div', 't-alarm'),
    occupied: el('dd'),
    motion: el('dd'),
    occupiedRow: el('div'),
    motionRow: el('div'),
    note: el('div', 't-note'),
    version: el('div', 't-version'),
    test: el('div', 't-test'),
    more: el('button', 't-more', 'details'),
  };
  p.more.type = 'button';
  p.more.title = 'Agent version, thresholds, test booth';
  p.more.addEventListener('click', () => details.open(b.booth));
  p.online.append(p.onlineIcon, p.onlineWord);
  const head = el('header', 't-head');
  head.append(p.name, p.test, p.alarm);
  const phaseBox = el('div', 't-phase-box');
  phaseBox.append(p.phaseIcon, p.phase);
  p.occupiedRow.append(el('dt', '', 'in booth'), p.occupied);
  p.motionRow.append(el('dt', '', 'no motion'), p.motion);
  const times = el('dl', 't-times');
  times.append(p.occupiedRow, p.motionRow);
  const foot = el('footer', 't-foot');
  const right = el('div', 't-foot-right');
  right.append(p.online, p.version, p.more);
  // In the footer, not the head: the head's alarm label must keep its room.
  foot.append(p.training, p.note, right);
  const inner = el('div', 'tile-in');
  inner.append(head, phaseBox, times, foot);
  root.append(inner);
  return { root, parts: p };
}

function updateTile(tile, b, alarms, training) {
  const p = tile.parts;
  const online = b.online !== false;
  // No state received yet (e.g. only a retained status): say so, never guess "vacant".
  const phase = PHASE_WORD[b.phase] ? b.phase : 'UNKNOWN';
  const active = [...alarms].sort(compareAlarms);
  const unacked = active.some(a => !isAcknowledged(a));
  const cls = ['tile', `phase-${phase}`, online ? 'online' : 'offline'];
  if (active.length) cls.push(`alarm-${active[0].priority}`);
  if (unacked) cls.push('unacked');
  if (training) cls.push('training');
  setClass(tile.root, cls.join(' '));
  setHidden(p.training, !training);

  setText(p.name, b.booth);
  setHtml(p.onlineIcon, icon(online ? 'ONLINE' : 'OFFLINE'));
  setText(p.onlineWord, online ? 'online' : 'OFFLINE');
  setHtml(p.phaseIcon, icon(online ? phase : 'OFFLINE'));
  setText(p.phase, online ? PHASE_WORD[phase] : 'OFFLINE');
  // The most urgent alarm by name, the rest as a count: it must fit a small tile.
  setText(p.alarm, active.length ? shortTitle(active[0].type) + (active.length > 1 ? ` +${active.length - 1}` : '') : '');
  setHidden(p.alarm, active.length === 0);

  const occupied = !!b.occupied || phase === 'OCCUPIED' || phase === 'STILL' || phase === 'ALARM';
  setText(p.occupied, occupied && b.occupiedSince ? formatDuration(sinceMs(b.occupiedSince)) : '—');
  setText(p.motion, occupied && b.lastMotionAt ? formatDuration(sinceMs(b.lastMotionAt)) : '—');
  setClass(p.occupiedRow, occupied ? '' : 'dim');
  setClass(p.motionRow, occupied ? '' : 'dim');

  let note = '';
  if (!online) {
    const seen = b.lastSeenAt ? `last seen ${formatDuration(sinceMs(b.lastSeenAt))} ago` : 'never seen';
    note = `was ${PHASE_WORD[phase] || phase} · ${seen}`;
  } else if (b.faults && b.faults.length) {
    note = `fault: ${b.faults.join(', ')}`;
  }
  setText(p.note, note);
  setText(p.version, b.agentVersion ? `· agent ${b.agentVersion}` : '· agent ?');
  const th = details.thresholds(b);
  const tip = `agent ${b.agentVersion || '?'}${th ? ' · ' + th : ''}`;
  if (tile.root.title !== tip) tile.root.title = tip;

  const badge = details.tileBadge(b);
  setHidden(p.test, !badge);
  if (badge) {
    setText(p.test, badge.text);
    setClass(p.test, badge.cls);
    if (p.test.title !== badge.title) p.test.title = badge.title;
  }
}

/** Versions in use, e.g. {"1.2.0": ["b01","b02"], "1.3.0": ["b03"]}, for the mixed-version warning. */
export function versionsInUse(booths) {
  const m = new Map();
  for (const b of booths) {
    if (!b.agentVersion) continue;
    if (!m.has(b.agentVersion)) m.set(b.agentVersion, []);
    m.get(b.agentVersion).push(b.booth);
  }
  return m;
}
