// Words staff read from 3 m away: short, upper case for states, plain for hints.

export const PRIORITY_RANK = { HIGH: 0, MEDIUM: 1, LOW: 2 };

export const ALARM_TITLE = {
  PANIC: 'PANIC BUTTON',
  INACTIVITY: 'NO MOVEMENT',
  STILLNESS: 'STILL — CHECK',
  LONG_OCCUPANCY: 'LONG STAY',
  SENSOR_FAULT: 'SENSOR FAULT',
  BOOTH_OFFLINE: 'BOOTH OFFLINE',
};

export const ALARM_HINT = {
  PANIC: 'Panic button pressed in the booth',
  INACTIVITY: 'No motion detected for a long time — go now',
  STILLNESS: 'No motion for a while — look in',
  LONG_OCCUPANCY: 'Occupied longer than the limit',
  SENSOR_FAULT: 'A booth sensor cannot be trusted — check the booth',
  BOOTH_OFFLINE: 'Booth not reporting — check it in person',
};

const SHORT_TITLE = {
  PANIC: 'PANIC',
  INACTIVITY: 'NO MOTION',
  STILLNESS: 'STILL',
  LONG_OCCUPANCY: 'LONG STAY',
  SENSOR_FAULT: 'SENSOR',
  BOOTH_OFFLINE: 'OFFLINE',
};

/** Latched alarms end only at the booth or by an explicit RESOLVE with a reason. */
export const LATCHED = new Set(['PANIC', 'INACTIVITY']);

export const PHASE_WORD = {
  VACANT: 'VACANT',
  OCCUPIED: 'OCCUPIED',
  STILL: 'STILL',
  ALARM: 'ALARM',
  UNKNOWN: 'NO STATE YET',
};

export function alarmTitle(type) {
  return ALARM_TITLE[type] || String(type || 'ALARM').replace(/_/g, ' ');
}

export function shortTitle(type) {
  return SHORT_TITLE[type] || alarmTitle(type);
}

export function alarmHint(type) {
  return ALARM_HINT[type] || '';
}

export function isAcknowledged(a) {
  return !!a.acknowledgedAt || a.state === 'ACKNOWLEDGED';
}

export function isEscalated(a) {
  return !!a.escalated || a.state === 'ESCALATED';
}

export function isActive(a) {
  return a.active !== false && a.state !== 'RESOLVED' && !a.resolvedAt;
}

/** HIGH before MEDIUM before LOW, oldest first. */
export function compareAlarms(a, b) {
  const p = (PRIORITY_RANK[a.priority] ?? 3) - (PRIORITY_RANK[b.priority] ?? 3);
  if (p !== 0) return p;
  const t = (Date.parse(a.raisedAt) || 0) - (Date.parse(b.raisedAt) || 0);
  if (t !== 0) return t;
  return String(a.id).localeCompare(String(b.id));
}

export function compareBooths(a, b) {
  return String(a).localeCompare(String(b), 'en', { numeric: true });
}
