// Staff actions: acknowledge, resolve with a required reason, and the optional staff token.
// Without a token the page stays fully readable; a write refused with 401/403 asks for it once.
import { alarmTitle } from './labels.js';

const TOKEN_KEY = 'boothwatch.staffToken';
const BY_KEY = 'boothwatch.by';
let pendingResolve = null;
let onTokenChange = () => {};
let retryAfterToken = null;
// A dialog left open must not hide the alarms for long: it closes after a minute without input.
const DIALOG_IDLE_MS = 60000;
let idleTimer = null;

function armIdle(close) {
  clearTimeout(idleTimer);
  idleTimer = setTimeout(close, DIALOG_IDLE_MS);
}

export function token() {
  return localStorage.getItem(TOKEN_KEY) || '';
}

export function by() {
  return localStorage.getItem(BY_KEY) || 'wall display';
}

/** Reads ?token= and ?by= once, keeps them, and removes them from the visible URL. */
export function initFromUrl() {
  const url = new URL(window.location.href);
  let changed = false;
  for (const [param, key] of [['token', TOKEN_KEY], ['by', BY_KEY]]) {
    const v = url.searchParams.get(param);
    if (v !== null) {
      if (v) localStorage.setItem(key, v); else localStorage.removeItem(key);
      url.searchParams.delete(param);
      changed = true;
    }
  }
  if (changed) history.replaceState(null, '', url.pathname + url.search + url.hash);
}

export function setup(tokenChanged) {
  onTokenChange = tokenChanged;
  const form = document.getElementById('resolve-form');
  const reason = document.getElementById('resolve-reason');
  const submit = document.getElementById('resolve-submit');
  const update = () => {
    submit.disabled = reason.value.trim() === '';
    armIdle(closeResolve);
  };
  document.getElementById('resolve-by').addEventListener('input', update);
  reason.addEventListener('input', update);
  document.querySelectorAll('#resolve-presets .preset').forEach(b => b.addEventListener('click', () => {
    reason.value = b.textContent;
    update();
    reason.focus();
  }));
  document.getElementById('resolve-cancel').addEventListener('click', closeResolve);
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    const why = reason.value.trim();
    if (!why || !pendingResolve) return;
    const who = document.getElementById('resolve-by').value.trim() || by();
    localStorage.setItem(BY_KEY, who);
    const alarm = pendingResolve;
    submit.disabled = true;
    const ok = await post(`/api/alarms/${encodeURIComponent(alarm.id)}/resolve`, { by: who, reason: why },
      `Resolve ${alarm.booth} ${alarmTitle(alarm.type)}`, () => form.requestSubmit());
    if (ok) closeResolve(); else update();
  });

  document.getElementById('token-form').addEventListener('submit', ev => {
    ev.preventDefault();
    const v = document.getElementById('token-input').value.trim();
    if (v) localStorage.setItem(TOKEN_KEY, v); else localStorage.removeItem(TOKEN_KEY);
    closeToken();
    onTokenChange();
    const retry = retryAfterToken;
    retryAfterToken = null;
    if (retry && v) retry();
  });
  document.getElementById('token-cancel').addEventListener('click', () => {
    closeToken();
    retryAfterToken = null;
  });
  document.getElementById('token-input').addEventListener('input', () => armIdle(closeToken));
}

export async function ack(alarm, button) {
  button.disabled = true;
  button.textContent = 'SENDING…';
  const ok = await post(`/api/alarms/${encodeURIComponent(alarm.id)}/ack`, { by: by() },
    `Acknowledge ${alarm.booth} ${alarmTitle(alarm.type)}`, () => ack(alarm, button));
  // On success the row turns acknowledged when the gateway's alarm event arrives.
  button.disabled = false;
  button.textContent = ok ? 'ACKNOWLEDGE' : 'ACKNOWLEDGE (retry)';
}

export function openResolve(alarm) {
  pendingResolve = alarm;
  document.getElementById('resolve-what').textContent = `${alarm.booth} — ${alarmTitle(alarm.type)}`;
  document.getElementById('resolve-reason').value = '';
  document.getElementById('resolve-by').value = by();
  document.getElementById('resolve-submit').disabled = true;
  document.getElementById('resolve-dialog').hidden = false;
  document.getElementById('resolve-reason').focus();
  armIdle(closeResolve);
}

function closeResolve() {
  clearTimeout(idleTimer);
  pendingResolve = null;
  document.getElementById('resolve-dialog').hidden = true;
}

function closeToken() {
  clearTimeout(idleTimer);
  document.getElementById('token-dialog').hidden = true;
}

export function openToken(why) {
  if (why) document.getElementById('token-why').textContent = why;
  document.getElementById('token-input').value = token();
  document.getElementById('token-dialog').hidden = false;
  document.getElementById('token-input').focus();
  armIdle(closeToken);
}

export async function post(path, body, what, retry) {
  const headers = { 'Content-Type': 'application/json' };
  const t = token();
  if (t) headers.Authorization = `Bearer ${t}`;
  try {
    const res = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body) });
    if (res.ok) {
      toast(`${what}: sent`, false);
      return true;
    }
    if (res.status === 401 || res.status === 403) {
      retryAfterToken = retry;
      openToken(t ? 'The saved staff token was refused. Type the current one.'
        : 'This gateway only accepts staff actions (acknowledge, resolve, test) with the staff token. Type it once; this display keeps it.');
      toast(`${what}: FAILED — staff token ${t ? 'refused' : 'needed'}`, true);
      return false;
    }
    toast(`${what}: FAILED — ${res.status} ${await errorText(res)}`, true);
  } catch (e) {
    toast(`${what}: FAILED — gateway not reachable`, true);
  }
  return false;
}

async function errorText(res) {
  try {
    const text = (await res.text()).slice(0, 200);
    try {
      const j = JSON.parse(text);
      return j.error || j.message || j.title || text;
    } catch (e) {
      return text;
    }
  } catch (e) {
    return res.statusText;
  }
}

let toastTimer = null;
export function toast(text, bad) {
  const t = document.getElementById('toast');
  t.textContent = text;
  t.className = bad ? 'bad' : 'good';
  t.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { t.hidden = true; }, bad ? 12000 : 3000);
}
