// Tiny helpers for keyed, in-place DOM updates: elements are created once and only changed
// when their text or class really changes (so buttons never vanish under a finger).

export function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

export function setText(e, text) {
  const t = text === null || text === undefined ? '' : String(text);
  if (e.textContent !== t) e.textContent = t;
}

export function setClass(e, cls) {
  if (e.className !== cls) e.className = cls;
}

export function setHtml(e, html) {
  if (e.dataset.html !== html) {
    e.innerHTML = html;
    e.dataset.html = html;
  }
}

export function setHidden(e, hidden) {
  if (e.hidden !== hidden) e.hidden = hidden;
}

/** Puts the keyed children of parent in the given order, moving only what is out of place. */
export function order(parent, elements) {
  let ref = parent.firstElementChild;
  for (const e of elements) {
    if (e === ref) {
      ref = ref.nextElementSibling;
    } else {
      parent.insertBefore(e, ref);
    }
  }
}
