// Who may use what, as the page shows it: the permission names GET /api/me lists in `can`, and the
// elements gated on them. Pure (it only sets el.hidden and el.dataset.requires), so that node tests it
// with plain objects (web/ui/test/account.test.mjs). Hiding a control is a courtesy: the service refuses
// the request anyway.

/** PERMISSIONS are the names the service knows today (issue 9) and the ones later issues add. */
export const PERMISSIONS = [
  'account.password', // every logged-in user: change one's own password
  'users.manage', 'audit.read', // admin
  'parks.edit', 'parks.evaluate', 'progress.edit', 'actuals.edit', // planner
  'cases.save', 'layers.import', // land
  'cases.read', // every logged-in user: the eligibility cases
  'layers.rollback', // data_admin
];

/** ANONYMOUS is what /api/me says of a visitor who is not logged in. */
export const ANONYMOUS = Object.freeze({ authenticated: false, require_login: false, login_available: true, can: [] });

/** Permissions holds the page's copy of /api/me and keeps every gated element's hidden in step. */
export class Permissions {
  constructor() {
    this.me = ANONYMOUS;
    this.held = new Set();
    // Weak: a gated element that leaves the page and is dropped is not kept alive here.
    this.gated = new Set();
    this.listeners = [];
  }

  /** set takes a new /api/me answer: gates are applied first, then every onChange listener is told. */
  set(me) {
    const prev = this.me;
    this.me = { ...ANONYMOUS, ...me };
    this.held = new Set(this.me.authenticated && Array.isArray(this.me.can) ? this.me.can : []);
    this.apply();
    for (const fn of [...this.listeners]) fn(this.me, prev);
  }

  /** can says whether the user holds permission name (false for anyone not logged in). */
  can(name) {
    return this.held.has(name);
  }

  /** onChange calls fn(me, previous) after each new /api/me answer (not at once: read can() for now). */
  onChange(fn) {
    this.listeners.push(fn);
    return () => {
      const i = this.listeners.indexOf(fn);
      if (i >= 0) this.listeners.splice(i, 1);
    };
  }

  /** gate marks el as needing permission name: hidden (the attribute) unless it is held, now and after
   * every change. Returns el, so that gate(h('button', …), 'parks.edit') reads as one expression. */
  gate(el, name) {
    if (!name) throw new Error('gate: no permission named');
    el.dataset.requires = name;
    el.hidden = !this.can(name);
    this.gated.add(new WeakRef(el));
    return el;
  }

  /** ungate forgets el; it keeps its current hidden. */
  ungate(el) {
    for (const ref of this.gated) if (ref.deref() === el) this.gated.delete(ref);
    delete el.dataset.requires;
  }

  /** apply sets hidden on every gated element from the permissions held. */
  apply() {
    for (const ref of this.gated) {
      const el = ref.deref();
      if (!el) this.gated.delete(ref);
      else el.hidden = !this.can(el.dataset.requires);
    }
  }

  /** gatedElements lists the live gated elements (the tests and the debug handle read it). */
  gatedElements() {
    return [...this.gated].map((r) => r.deref()).filter(Boolean);
  }
}

/** userLabel is what the top bar shows of a user: 「张三 · 县经信局」, or the user name alone. */
export function userLabel(user) {
  if (!user) return '';
  const name = user.display_name || user.username;
  return user.unit ? `${name} · ${user.unit}` : name;
}
