// Booth details: agent version, config thresholds and the remote "Test booth" action, in a dialog opened
// from a small button on the tile (away from the alarm banners, so ACKNOWLEDGE is never mistaken for it).
// The test result also shows on the tile for a while, then fades.
import { el, setText, setClass } from './dom.js';
import { formatDuration, sinceMs } from './time.js';
import { post, by } from './actions.js';

const SHOW_PASS_MS = 30000;
const SHOW_FAIL_MS = 120000;
const FADE_MS = 5000;
const DIALOG_IDLE_MS = 60000;

let openBooth = null;
let sending = false;
let idleTimer = null;
let lookup = () => null;
const seen = new Map(); // booth -> {key, at}: when this page first saw the current test outcome

/** @param boothById function(id) -> current booth view */
export function setup(boothById) {
  lookup = boothById;
  document.getElementById('booth-close').addEventListener('click', close);
  document.getElementById('booth-test').addEventListener('click', runTest);
}

export function open(boothId) {
  openBooth = boothId;
  document.getElementById('booth-dialog').hidden = false;
  render();
  armIdle();
}

function close() {
  clearTimeout(idleTimer);
  openBooth = null;
  document.getElementById('booth-dialog').hidden = true;
}

function armIdle() {
  // A dialog left open must not hide the alarms for long.
  clearTimeout(idleTimer);
  idleTimer = setTimeout(close, DIALOG_IDLE_MS);
}

async function runTest() {
  if (!openBooth) return;
  const id = openBooth;
  const button = document.getElementById('booth-test');
  if (sending) return;
  sending = true;
  button.disabled = true;
  armIdle();
  try {
    await post(`/api/booths/${encodeURIComponent(id)}/test`, { by: by() }, `Test ${id}`, runTest);
  } finally {
    sending = false;
    render();
  }
}

/** Words for a test outcome: {word, cls, details} or null when there is none. */
export function testWords(t) {
  if (!t || !t.status) return null;
  switch (t.status) {
    case 'TESTING': return { word: 'TESTING…', cls: 'testing', details: 'waiting for the booth to answer' };
    case 'PASS': return { word: 'TEST PASS', cls: 'pass', details: t.details || '' };
    case 'NO_ANSWER': return { word: 'TEST FAIL — NO ANSWER', cls: 'fail', details: t.details || '' };
    case 'NOT_SENT': return { word: 'TEST FAIL — NOT SENT', cls: 'fail', details: t.details || '' };
    default: return { word: 'TEST FAIL', cls: 'fail', details: t.details || '' };
  }
}

/** The tile's test badge: {text, cls, title} while recent, else null (then it has faded). */
export function tileBadge(b) {
  const w = testWords(b.lastTest);
  if (!w) return null;
  const key = `${b.lastTest.status}|${b.lastTest.requestedAt || ''}|${b.lastTest.resultAt || ''}`;
  let s = seen.get(b.booth);
  if (!s || s.key !== key) {
    s = { key, at: performance.now() };
    seen.set(b.booth, s);
  }
  if (w.cls === 'testing') return { text: w.word, cls: 't-test testing', title: w.details };
  // Age by the gateway's clock from the request, so a reload does not bring back an old result.
  const sinceRequest = sinceMs(b.lastTest.requestedAt);
  const age = sinceRequest !== null ? sinceRequest : performance.now() - s.at;
  const showFor = w.cls === 'pass' ? SHOW_PASS_MS : SHOW_FAIL_MS;
  if (age > showFor) return null;
  return { text: w.word, cls: `t-test ${w.cls}${age > showFor - FADE_MS ? ' fading' : ''}`, title: w.details };
}

/** One line of thresholds for the tile's tooltip and the dialog, e.g. "warnAfter 120s · alarmAfter 180s". */
export function thresholds(b) {
  const c = b.config || {};
  return Object.keys(c).sort().map(k => `${k} ${c[k]}`).join(' · ');
}

/** Called on every render: keeps the open dialog current. */
export function render() {
  if (!openBooth) return;
  const b = lookup(openBooth);
  setText(document.getElementById('booth-title'), `Booth ${openBooth}`);
  const rows = document.getElementById('booth-facts');
  const facts = b ? [
    ['status', b.online === false ? 'OFFLINE' : 'online'],
    ['agent version', b.agentVersion || 'unknown (no status message yet)'],
    ['boot id', b.bootId || '—'],
    ['thresholds', thresholds(b) || 'unknown (no status message yet)'],
    ['lamp / buzzer', b.outputs ? `${b.outputs.lamp} / ${b.outputs.buzzer}` : '—'],
    ['faults', b.faults && b.faults.length ? b.faults.join('; ') : 'none'],
  ] : [['status', 'this booth is no longer reported by the gateway']];
  const key = JSON.stringify(facts);
  if (rows.dataset.key !== key) {
    rows.dataset.key = key;
    rows.replaceChildren(...facts.flatMap(([k, v]) => [el('dt', '', k), el('dd', '', v)]));
  }
  const t = b ? b.lastTest : null;
  const w = testWords(t);
  const result = document.getElementById('booth-test-result');
  setClass(result, w ? `test-result ${w.cls}` : 'test-result');
  setText(document.getElementById('booth-test-word'), w ? w.word : 'No test since the gateway started');
  let sub = '';
  if (t) {
    const who = t.requestedBy ? `asked by ${t.requestedBy}` : 'not asked from this gateway';
    const when = t.requestedAt ? ` ${formatDuration(sinceMs(t.requestedAt))} ago` : '';
    sub = `${w.details}${w.details ? ' — ' : ''}${who}${when}`;
  }
  setText(document.getElementById('booth-test-details'), sub);
  const button = document.getElementById('booth-test');
  const offline = !b || b.online === false;
  button.disabled = sending || offline;
  setText(document.getElementById('booth-test-note'), offline
    ? 'The booth is offline: it cannot be tested.'
    : 'The booth lamp flashes for 3 s and its buzzer beeps once; during an alarm the booth only reports.');
}
