// The display machine's clock may be wrong: all elapsed times use the gateway's clock,
// learned from serverTime in ticks and advanced locally with the monotonic performance clock.

let serverMs = null;   // gateway wall time at the last sync
let syncPerf = 0;      // performance.now() at the last sync

export function syncServerTime(iso) {
  const t = Date.parse(iso);
  if (!Number.isNaN(t)) {
    serverMs = t;
    syncPerf = performance.now();
  }
}

/** Gateway time now in epoch millis, or null before the first sync. */
export function serverNow() {
  return serverMs === null ? null : serverMs + (performance.now() - syncPerf);
}

/** Milliseconds since an ISO timestamp by the gateway's clock, or null. */
export function sinceMs(iso) {
  if (!iso) return null;
  const now = serverNow();
  const t = Date.parse(iso);
  if (now === null || Number.isNaN(t)) return null;
  return Math.max(0, now - t);
}

/** 0:07, 4:05, 1:02:03 — always with seconds so staff can see it move. */
export function formatDuration(ms) {
  if (ms === null || ms === undefined) return '—';
  const s = Math.floor(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export function formatClock(ms) {
  const d = new Date(ms);
  return [d.getHours(), d.getMinutes(), d.getSeconds()].map(n => String(n).padStart(2, '0')).join(':');
}

export function formatDate(ms) {
  return new Date(ms).toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
}

export function formatTimeOfDay(iso) {
  const t = Date.parse(iso);
  return Number.isNaN(t) ? '' : formatClock(t).slice(0, 5);
}
