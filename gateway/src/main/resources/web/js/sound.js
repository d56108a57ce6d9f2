// Alarm sound with Web Audio. One pattern plays at a time: the most urgent alarm that nobody
// has acknowledged yet. Patterns follow the IEC 60601-1-8 idea (pulse count tells priority):
// HIGH 3+2 pulses, MEDIUM 3 pulses, LOW 2 pulses; escalated = louder, harsher and more often.

const PATTERNS = {
  HIGH:   { freqs: [880, 988], pulses: [0, 0.22, 0.44, 0.9, 1.12], len: 0.16, period: 2.6, escPeriod: 1.6 },
  MEDIUM: { freqs: [660], pulses: [0, 0.32, 0.64], len: 0.22, period: 6, escPeriod: 3 },
  LOW:    { freqs: [523], pulses: [0, 0.5], len: 0.28, period: 15, escPeriod: 8 },
  // The display itself is not updating: a falling two-tone, distinct from every alarm.
  STALE:  { freqs: [440, 330], pulses: [0, 0.45], len: 0.4, period: 10, escPeriod: 10 },
};
const GAIN = 0.25;
const ESCALATED_GAIN = 1.0;

let ctx = null;
let master = null;
let current = null;     // {name, escalated}
let nextStart = 0;      // ctx.currentTime of the next pattern start
let scheduled = [];     // oscillators not yet finished, stopped at once when silenced
const listeners = [];
export const stats = { pulses: 0, pattern: 'none', escalated: false };

/** Creates the audio context; true when the browser already lets it run without a gesture. */
export function init() {
  const AC = window.AudioContext || window.webkitAudioContext;
  if (!AC) return false;
  ctx = new AC();
  const limiter = ctx.createDynamicsCompressor();
  master = ctx.createGain();
  master.connect(limiter);
  limiter.connect(ctx.destination);
  ctx.onstatechange = notify;
  setInterval(pump, 100);
  return ctx.state === 'running';
}

/** The audio context's state: running, suspended, closed, or unavailable. */
export function audioState() {
  return ctx ? ctx.state : 'unavailable';
}

export function enabled() {
  return ctx !== null && ctx.state === 'running';
}

/** Call from a user gesture. Plays a short confirmation chirp. */
export async function enable() {
  if (!ctx) return false;
  await ctx.resume();
  if (ctx.state === 'running') beep(ctx.currentTime + 0.05, 784, 0.12, 0.2, 'sine');
  notify();
  return enabled();
}

export function onChange(fn) {
  listeners.push(fn);
}

function notify() {
  listeners.forEach(fn => fn(enabled()));
}

/** What should sound now: 'HIGH' | 'MEDIUM' | 'LOW' | 'STALE' | null, and whether escalated. */
export function play(name, escalated) {
  const want = name ? { name, escalated: !!escalated } : null;
  const same = current && want && current.name === want.name && current.escalated === want.escalated;
  if (same) return;
  current = want;
  stats.pattern = want ? want.name : 'none';
  stats.escalated = !!(want && want.escalated);
  // Any change (acknowledged, a more urgent alarm, escalation) cuts the old pattern at once.
  silenceNow();
}

function silenceNow() {
  const t = ctx ? ctx.currentTime : 0;
  scheduled.forEach(o => { try { o.stop(t); } catch (e) { /* already stopped */ } });
  scheduled = [];
  if (ctx) nextStart = ctx.currentTime + 0.05;
}

// Schedules whole patterns slightly ahead on the audio clock, so timers never make it stutter.
function pump() {
  if (!ctx || ctx.state !== 'running' || !current) return;
  const now = ctx.currentTime;
  if (nextStart < now) nextStart = now + 0.05;
  if (nextStart > now + 0.3) return;
  const p = PATTERNS[current.name];
  const esc = current.escalated;
  const gain = esc ? ESCALATED_GAIN : GAIN;
  p.pulses.forEach((off, i) => {
    const f = p.freqs[i % p.freqs.length];
    beep(nextStart + off, f, p.len, gain, esc ? 'square' : 'triangle');
    stats.pulses++;
  });
  nextStart += esc ? p.escPeriod : p.period;
}

function beep(at, freq, len, gain, type) {
  const osc = ctx.createOscillator();
  const env = ctx.createGain();
  osc.type = type;
  osc.frequency.value = freq;
  // Short ramps: no clicks, still a crisp onset.
  env.gain.setValueAtTime(0, at);
  env.gain.linearRampToValueAtTime(gain, at + 0.015);
  env.gain.setValueAtTime(gain, at + len - 0.03);
  env.gain.linearRampToValueAtTime(0, at + len);
  osc.connect(env);
  env.connect(master);
  osc.start(at);
  osc.stop(at + len + 0.01);
  scheduled.push(osc);
  osc.onended = () => { scheduled = scheduled.filter(o => o !== osc); };
}
