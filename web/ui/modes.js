// The owner of the page's interaction modes. Exactly one mode is active at a time:
//   browse  — the default: a click on a park opens its card, Escape closes the card;
//   measure — the measuring tool (measure.js);
//   draw    — drawing a polygon for the eligibility check (eligibility/draw.js);
//   select  — picking a parcel on the map for the eligibility check (eligibility/index.js);
//   present — the briefing's presentation (briefing/present.js).
// Entering a mode leaves the one before it, whose leave() switches its tool off and resets its UI, so
// two tools can never both take the map's clicks. main.js owns the page's only map click, double-click
// and document keydown listeners and hands every event to the active mode through this object.
// Pure: no DOM or map of its own, so that node can test it (web/ui/test/modes.test.mjs).

export const MODES = ['browse', 'measure', 'draw', 'select', 'present'];

const closest = (target, sel) => (target && typeof target.closest === 'function' ? target.closest(sel) : null);

/** isFormControl says whether a key goes to a form control (or editable text) rather than the page. */
export function isFormControl(target) {
  return Boolean(closest(target, 'input, select, textarea') || target?.isContentEditable);
}

/** isTyping is isFormControl less a range slider, whose arrows may still step a presentation. */
export function isTyping(target) {
  return isFormControl(target) && !closest(target, 'input[type="range"]');
}

/**
 * A mode's handler, every part optional:
 *   enter(arg, previous)  switch the tool on (arg is what enter() was given);
 *   leave(next)           switch it off and reset its UI (next is the mode being entered);
 *   click(e), dblclick(e) a MapLibre map mouse event;
 *   key(e, info)          a document keydown, info = {typing, modified}; return true when handled.
 */
export class Modes {
  constructor() {
    this.handlers = new Map();
    this.shortcuts = new Map();
    this.listeners = [];
    this.current = 'browse';
  }

  /** register gives mode name its handler; each mode has one owner. */
  register(name, handler = {}) {
    if (!MODES.includes(name)) throw new Error(`modes: unknown mode "${name}"`);
    if (this.handlers.has(name)) throw new Error(`modes: "${name}" is registered twice`);
    this.handlers.set(name, handler);
    return this;
  }

  /** shortcut makes a key (outside form controls, without Ctrl/Alt/Meta) enter mode name from any other. */
  shortcut(key, name) {
    this.shortcuts.set(key.toLowerCase(), name);
    return this;
  }

  /** onChange calls fn(current, previous) after every switch. */
  onChange(fn) {
    this.listeners.push(fn);
  }

  is(name) {
    return this.current === name;
  }

  /** enter makes name the active mode, leaving the active one first; false when it already was. */
  enter(name, arg) {
    if (!MODES.includes(name)) throw new Error(`modes: unknown mode "${name}"`);
    if (name !== 'browse' && !this.handlers.has(name)) throw new Error(`modes: "${name}" has no handler`);
    if (name === this.current) return false;
    const previous = this.current;
    // The switch is made before the old mode's leave() runs, so that a tool whose stop() calls
    // leave(itself) from there finds it already left and does nothing.
    this.current = name;
    this.handlers.get(previous)?.leave?.(name);
    this.handlers.get(name)?.enter?.(arg, previous);
    for (const fn of this.listeners) fn(name, previous);
    return true;
  }

  /** leave returns to browse if name is the active mode (a tool stopping itself); else it does nothing. */
  leave(name) {
    if (name === 'browse' || this.current !== name) return false;
    return this.enter('browse');
  }

  /** click hands a map click to the active mode only: browse's card opener never sees a drawing's click. */
  click(e) {
    this.handlers.get(this.current)?.click?.(e);
  }

  dblclick(e) {
    this.handlers.get(this.current)?.dblclick?.(e);
  }

  /**
   * key hands a document keydown to the active mode. What it leaves: Escape returns to browse (not from
   * a text field, where Escape belongs to the field), and the shortcuts enter their mode. Keys inside a
   * dialog (the eligibility report, the account's dialogs) or a menu (the account's) are its own.
   * Returns whether the key was used.
   */
  key(e) {
    if (closest(e.target, '[role="dialog"]') || closest(e.target, '[role="menu"]')) return false;
    const info = { typing: isTyping(e.target), modified: Boolean(e.ctrlKey || e.metaKey || e.altKey) };
    if (this.handlers.get(this.current)?.key?.(e, info)) return true;
    if (e.key === 'Escape' && this.current !== 'browse' && !info.typing) {
      e.stopPropagation?.();
      this.enter('browse');
      return true;
    }
    const target = this.shortcuts.get(String(e.key).toLowerCase());
    if (target && target !== this.current && !info.modified && !isFormControl(e.target)) {
      this.enter(target);
      return true;
    }
    return false;
  }
}
