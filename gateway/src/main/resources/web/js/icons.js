// Inline SVG icons: every state has its own shape, so colour is never the only cue.
// Local only (no icon fonts, no CDN); drawn in currentColor.

const svg = body => `<svg viewBox="0 0 100 100" aria-hidden="true" focusable="false">${body}</svg>`;

const ICONS = {
  // Priorities: triangle, diamond, circle.
  HIGH: svg('<path d="M50 6 L96 90 H4 Z" fill="currentColor"/>'
    + '<rect x="44" y="34" width="12" height="32" rx="3" class="cut"/><circle cx="50" cy="77" r="6.5" class="cut"/>'),
  MEDIUM: svg('<path d="M50 4 L96 50 L50 96 L4 50 Z" fill="currentColor"/>'
    + '<rect x="44" y="24" width="12" height="34" rx="3" class="cut"/><circle cx="50" cy="71" r="6.5" class="cut"/>'),
  LOW: svg('<circle cx="50" cy="50" r="45" fill="currentColor"/>'
    + '<circle cx="50" cy="28" r="7" class="cut"/><rect x="44" y="40" width="12" height="36" rx="3" class="cut"/>'),
  // Phases: open door, person, hourglass, alarm triangle.
  VACANT: svg('<rect x="22" y="8" width="56" height="86" rx="4" fill="none" stroke="currentColor" stroke-width="8"/>'
    + '<circle cx="64" cy="54" r="5" fill="currentColor"/>'),
  OCCUPIED: svg('<circle cx="50" cy="24" r="16" fill="currentColor"/>'
    + '<path d="M18 94 C18 58 30 46 50 46 C70 46 82 58 82 94 Z" fill="currentColor"/>'),
  STILL: svg('<path d="M20 6 H80 V14 C80 34 60 42 58 50 C60 58 80 66 80 86 V94 H20 V86 C20 66 40 58 42 50 C40 42 20 34 20 14 Z"'
    + ' fill="none" stroke="currentColor" stroke-width="7" stroke-linejoin="round"/>'
    + '<path d="M32 86 C34 74 46 68 50 64 C54 68 66 74 68 86 Z" fill="currentColor"/>'),
  ALARM: null, // same as HIGH, set below
  UNKNOWN: svg('<circle cx="50" cy="50" r="42" fill="none" stroke="currentColor" stroke-width="8" stroke-dasharray="14 10"/>'
    + '<text x="50" y="68" text-anchor="middle" font-size="52" font-weight="bold" fill="currentColor">?</text>'),
  // Offline: a broken link.
  OFFLINE: svg('<circle cx="50" cy="50" r="42" fill="none" stroke="currentColor" stroke-width="9"/>'
    + '<line x1="20" y1="80" x2="80" y2="20" stroke="currentColor" stroke-width="9"/>'),
  ONLINE: svg('<circle cx="50" cy="50" r="30" fill="currentColor"/>'),
  ACK: svg('<circle cx="50" cy="50" r="45" fill="none" stroke="currentColor" stroke-width="9"/>'
    + '<path d="M28 52 L44 68 L74 34" fill="none" stroke="currentColor" stroke-width="10" stroke-linecap="round" stroke-linejoin="round"/>'),
  SPEAKER: svg('<path d="M10 36 H30 L56 14 V86 L30 64 H10 Z" fill="currentColor"/>'
    + '<path d="M68 32 C78 42 78 58 68 68 M78 20 C94 36 94 64 78 80" fill="none" stroke="currentColor" stroke-width="7" stroke-linecap="round"/>'),
  MUTED: svg('<path d="M10 36 H30 L56 14 V86 L30 64 H10 Z" fill="currentColor"/>'
    + '<path d="M68 36 L92 64 M92 36 L68 64" stroke="currentColor" stroke-width="8" stroke-linecap="round"/>'),
};
ICONS.ALARM = ICONS.HIGH;

export function icon(name) {
  return ICONS[name] || ICONS.LOW;
}
