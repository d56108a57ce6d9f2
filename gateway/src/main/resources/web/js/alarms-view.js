// The active-alarm banners on top of the wall.
import { el, setText, setClass, setHtml, setHidden, order } from './dom.js';
import { icon } from './icons.js';
import { sinceMs, formatDuration, formatTimeOfDay } from './time.js';
import { alarmTitle, alarmHint, LATCHED, isAcknowledged, isEscalated, compareAlarms } from './labels.js';

const rows = new Map(); // alarm id -> {root, parts}

/**
 * @param alarms active alarm views
 * @param actions {ack(alarm, button), resolve(alarm)}
 * @param synced a snapshot from the gateway has arrived
 * @param trainingSite the site is a training site (each alarm also says so in its own "training")
 */
export function renderAlarms(alarms, actions, synced, trainingSite) {
  const list = document.getElementById('alarm-list');
  const sorted = [...alarms].sort(compareAlarms);
  // "No active alarms" only once the gateway has said so, never before the first snapshot.
  setHidden(document.getElementById('no-alarms'), sorted.length > 0 || !synced);
  const section = document.getElementById('alarms');
  // Every alarm must stay on screen: denser rows, then two columns, as their number grows.
  setClass(section, sorted.length > 6 ? 'compact two-col' : sorted.length > 3 ? 'compact' : '');

  const seen = new Set();
  const elements = sorted.map(a => {
    seen.add(a.id);
    let row = rows.get(a.id);
    if (!row) {
      row = createRow(a, actions);
      rows.set(a.id, row);
    }
    row.alarm = a;
    updateRow(row, a, trainingSite || a.training === true);
    return row.root;
  });
  for (const [id, row] of rows) {
    if (!seen.has(id)) {
      row.root.remove();
      rows.delete(id);
    }
  }
  order(list, elements);
  reportHidden(section, elements);
}

// Last resort if even the densest layout overflows: say so, never hide alarms silently.
function reportHidden(section, elements) {
  const more = document.getElementById('alarms-hidden');
  const bottom = section.getBoundingClientRect().bottom;
  const hidden = elements.filter(e => e.getBoundingClientRect().bottom > bottom + 1).length;
  setText(more, hidden ? `+${hidden} MORE ALARM${hidden > 1 ? 'S' : ''} NOT SHOWN — check /api/alarms` : '');
  setHidden(more, hidden === 0);
}

function createRow(a, actions) {
  const root = el('div', 'alarm');
  root.dataset.alarmId = a.id;
  const p = {
    icon: el('div', 'a-icon'),
    prio: el('div', 'a-prio'),
    training: el('div', 'a-training', 'TRAINING'),
    booth: el('div', 'a-booth'),
    title: el('div', 'a-title'),
    hint: el('div', 'a-hint'),
    state: el('div', 'a-state'),
    elapsed: el('div', 'a-elapsed'),
    elapsedLabel: el('div', 'a-elapsed-label', 'since raised'),
    ack: el('button', 'ack', 'ACKNOWLEDGE'),
    resolve: el('button', 'resolve secondary', 'RESOLVE…'),
  };
  const badge = el('div', 'a-badge');
  badge.append(p.icon, p.prio);
  const main = el('div', 'a-main');
  const head = el('div', 'a-head');
  head.append(p.training, p.booth, p.title);
  main.append(head, p.hint, p.state);
  const time = el('div', 'a-time');
  time.append(p.elapsed, p.elapsedLabel);
  const buttons = el('div', 'a-actions');
  buttons.append(p.ack, p.resolve);
  root.append(badge, main, time, buttons);
  p.ack.type = 'button';
  p.resolve.type = 'button';
  const row = { root, parts: p, alarm: a };
  p.ack.addEventListener('click', () => actions.ack(row.alarm, p.ack));
  p.resolve.addEventListener('click', () => actions.resolve(row.alarm));
  return row;
}

function updateRow(row, a, training) {
  const p = row.parts;
  const acked = isAcknowledged(a);
  const escalated = isEscalated(a);
  const unreachable = a.boothReachable === false;
  const cls = ['alarm', `prio-${a.priority}`, acked ? 'acked' : 'unacked'];
  if (escalated) cls.push('escalated');
  if (unreachable) cls.push('unreachable');
  if (training) cls.push('training');
  setClass(row.root, cls.join(' '));
  setHidden(p.training, !training);
  setHtml(p.icon, acked ? icon('ACK') : icon(a.priority));
  setText(p.prio, escalated && !acked ? 'ESCALATED' : a.priority);
  setText(p.booth, a.booth);
  setText(p.title, alarmTitle(a.type));
  setText(p.hint, alarmHint(a.type));
  setText(p.state, stateLine(a, acked, escalated, unreachable));
  setText(p.elapsed, formatDuration(sinceMs(a.raisedAt)));
  setHidden(p.ack, acked);
  setHidden(p.resolve, !LATCHED.has(a.type));
}

function stateLine(a, acked, escalated, unreachable) {
  if (acked) {
    const who = a.acknowledgedBy ? ` by ${a.acknowledgedBy}` : '';
    const when = a.acknowledgedAt ? ` at ${formatTimeOfDay(a.acknowledgedAt)}` : '';
    const esc = escalated ? ' (was escalated)' : '';
    if (unreachable) return `ACKNOWLEDGED, BOOTH UNREACHABLE${who}${when}${esc} — booth lamp not updated, go in person`;
    return `ACKNOWLEDGED${who}${when}${esc} — help is coming`;
  }
  let s = escalated ? 'ESCALATED — NOBODY HAS ACKNOWLEDGED' : 'NOT ACKNOWLEDGED';
  if (unreachable) s += ' · BOOTH UNREACHABLE';
  return s;
}
