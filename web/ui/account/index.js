// Accounts in the page (issue 9): the 登录 / user control in the top bar, the login and change-password
// dialogs, the admin's audit log, the login screen of `serve -require-login`, and the permission API
// the other modules use. main.js makes one Account before anything else is fetched, and hands it to
// the extensions as ctx.account.
//
// The permission API (ctx.account):
//   account.can(name)        whether the logged-in user holds permission name, one of perms.js's
//                            PERMISSIONS ('account.password', 'audit.read', 'parks.edit', …) as
//                            GET /api/me lists them in `can`; false for anyone not logged in.
//   account.gate(el, name)   hides el (the hidden attribute, so it is out of the layout and of the
//                            accessibility tree) unless name is held, now and after every change;
//                            returns el: toolbar.append(account.gate(h('button', …), 'parks.edit')).
//   account.onChange(fn)     calls fn(me, previous) after each new answer of /api/me (login, logout,
//                            a session that ended); gates are already applied then. Returns an unsubscribe.
//   account.me / .user       the last /api/me answer; user = {username, display_name, unit, roles} or null.
//   account.refresh()        reads /api/me again (call it after a 401 of the service).
// Hiding is a courtesy: the service refuses what a role may not do anyway.
import './account.css';
import { h, fill } from '../dom.js';
import { t, onLang, lang } from '../i18n.js';
import { T, known } from './strings.js';
import * as client from './client.js';
import { Permissions, ANONYMOUS, userLabel } from './perms.js';
import { Dialog, loginForm, passwordForm } from './dialogs.js';
import { AuditPanel } from './audit.js';

export { PERMISSIONS } from './perms.js';

// KEEPALIVE_MS is how often page activity refreshes the session: well inside the service's 30-minute
// idle limit (web/session.go SessionIdle), rarely enough to cost nothing.
const KEEPALIVE_MS = 5 * 60 * 1000;

export class Account {
  /** toggleLang is the page's language switch (the login screen has its own button for it). */
  constructor({ toggleLang } = {}) {
    this.perms = new Permissions();
    this.toggleLang = toggleLang;
    this.meFailed = false;
    this.el = h('div', { class: 'account', id: 'account' });
    this.buildControl();
    this.loginDialogForm = loginForm('acct-login', { onLoggedIn: () => this.afterLogin(), onCancel: () => this.loginDialog.close() });
    this.loginDialog = new Dialog('acct-login-dialog', 'loginTitle', this.loginDialogForm.el);
    this.loginDialog.fallback = () => this.focusTarget();
    this.loginDialog.onClose = () => this.loginDialogForm.reset();
    this.pwForm = passwordForm('acct-pw', {
      username: () => this.user?.username || '', onCancel: () => this.pwDialog.close(), onUnauthorized: () => this.refresh(),
    });
    this.pwDialog = new Dialog('acct-pw-dialog', 'changePassword', this.pwForm.el);
    this.pwDialog.fallback = () => this.focusTarget();
    this.audit = new AuditPanel(lang, { onUnauthorized: () => this.refresh() });
    this.audit.dialog.fallback = () => this.focusTarget();
    this.screen = null;
    onLang(() => this.renderAll());
    this.render();
    this.keepAlive();
  }

  /**
   * keepAlive asks /api/me again, at most every KEEPALIVE_MS, while a logged-in user is using the
   * page. The service reads the session only where the answer depends on who asks (not for tiles or
   * features), so panning the map alone would not keep a session from its 30-minute idle end.
   */
  keepAlive() {
    let last = Date.now();
    const touch = () => {
      if (!this.me.authenticated || Date.now() - last < KEEPALIVE_MS) return;
      last = Date.now();
      this.refresh();
    };
    for (const type of ['pointerdown', 'keydown', 'wheel']) document.addEventListener(type, touch, { passive: true, capture: true });
  }

  get me() {
    return this.perms.me;
  }

  get user() {
    return this.me.authenticated ? this.me.user || null : null;
  }

  can(name) {
    return this.perms.can(name);
  }

  gate(el, name) {
    return this.perms.gate(el, name);
  }

  onChange(fn) {
    return this.perms.onChange(fn);
  }

  /** mustLogin: the service puts the map behind the login and nobody is logged in. */
  mustLogin() {
    return Boolean(this.me.require_login && !this.me.authenticated);
  }

  /** refresh reads /api/me; if it cannot be read the page goes on as a visitor's, without a login. */
  async refresh() {
    let me;
    try {
      me = await client.me();
      this.meFailed = false;
    } catch {
      me = { ...ANONYMOUS, login_available: false };
      this.meFailed = true;
    }
    this.perms.set(me);
    if (!this.me.authenticated) for (const d of [this.pwDialog, this.audit.dialog]) d.close();
    this.render();
    this.syncScreen();
    return this.me;
  }

  /** whenAllowed resolves once the map may be shown: at once, or after a login on the login screen. */
  whenAllowed() {
    this.syncScreen();
    if (!this.mustLogin()) return Promise.resolve(this.me);
    return new Promise((resolve) => {
      const off = this.onChange(() => {
        if (!this.mustLogin()) {
          off();
          resolve(this.me);
        }
      });
    });
  }

  async afterLogin() {
    this.loginDialog.close();
    await this.refresh();
    this.focusTarget()?.focus();
  }

  async logout() {
    this.closeMenu();
    try {
      await client.logout();
    } catch {
      // The session is ended by the service or not at all; /api/me says which.
    }
    await this.refresh();
    this.focusTarget()?.focus();
  }

  /** focusTarget is where focus belongs after the account changed: the control in the top bar. */
  focusTarget() {
    if (this.screen?.isConnected) return this.screen.querySelector('input');
    return [this.userBtn, this.loginBtn].find((b) => b.isConnected && !b.hidden) || null;
  }

  buildControl() {
    this.loginBtn = h('button', { type: 'button', class: 'topbar-button', id: 'account-login', onclick: () => this.openLogin() });
    this.readOnly = h('span', { class: 'account-readonly', id: 'account-readonly', tabindex: '0' });
    this.userBtn = h('button', {
      type: 'button', class: 'topbar-button account-user', id: 'account-button',
      'aria-haspopup': 'menu', 'aria-expanded': 'false', 'aria-controls': 'account-menu', onclick: () => this.toggleMenu(),
    });
    // Only menu items belong in a menu for assistive technology: the head is seen, and said by the
    // menu's label instead.
    this.menuHead = h('div', { class: 'account-menu-head', 'aria-hidden': 'true' });
    const item = (id, onclick) => h('button', { type: 'button', role: 'menuitem', id, class: 'account-item', tabindex: '-1', onclick });
    this.auditItem = this.gate(item('account-audit', () => { this.closeMenu(false); this.audit.open(this.userBtn); }), 'audit.read');
    this.pwItem = this.gate(item('account-password', () => this.openPassword()), 'account.password');
    this.logoutItem = item('account-logout', () => this.logout());
    this.menu = h('div', { class: 'account-menu', id: 'account-menu', role: 'menu', hidden: true },
      this.menuHead, this.auditItem, this.pwItem, this.logoutItem);
    this.menu.addEventListener('keydown', (e) => this.menuKey(e));
    // Focus leaving the control (a click elsewhere, Tab) closes the menu: no document listener needed.
    this.el.addEventListener('focusout', (e) => {
      if (!this.menu.hidden && !this.el.contains(e.relatedTarget)) this.closeMenu(false);
    });
    this.el.append(this.readOnly, this.loginBtn, this.userBtn, this.menu);
  }

  openLogin() {
    this.loginDialogForm.reset();
    this.loginDialog.open(this.loginBtn);
  }

  openPassword() {
    this.closeMenu(false);
    this.pwForm.reset();
    this.pwDialog.open(this.userBtn);
  }

  menuItems() {
    return [...this.menu.querySelectorAll('[role="menuitem"]')].filter((b) => !b.hidden);
  }

  toggleMenu() {
    if (this.menu.hidden) this.openMenu();
    else this.closeMenu();
  }

  openMenu() {
    this.menu.hidden = false;
    this.userBtn.setAttribute('aria-expanded', 'true');
    this.menuItems()[0]?.focus();
  }

  /** closeMenu hides the menu; focus goes back to its button unless it is going elsewhere. */
  closeMenu(refocus = true) {
    if (this.menu.hidden) return;
    this.menu.hidden = true;
    this.userBtn.setAttribute('aria-expanded', 'false');
    if (refocus) this.userBtn.focus();
  }

  menuKey(e) {
    const items = this.menuItems();
    const i = items.indexOf(document.activeElement);
    if (e.key === 'Escape') this.closeMenu();
    else if (e.key === 'ArrowDown') items[(i + 1) % items.length]?.focus();
    else if (e.key === 'ArrowUp') items[(i - 1 + items.length) % items.length]?.focus();
    else if (e.key === 'Home') items[0]?.focus();
    else if (e.key === 'End') items.at(-1)?.focus();
    else if (e.key === 'Tab') {
      this.closeMenu(false);
      return;
    } else return;
    e.preventDefault();
    e.stopPropagation();
  }

  render() {
    const user = this.user;
    const available = this.me.login_available !== false && !this.meFailed;
    this.loginBtn.textContent = T('login');
    this.loginBtn.hidden = Boolean(user) || !available;
    this.readOnly.hidden = Boolean(user) || available;
    this.readOnly.textContent = T('readOnly');
    const why = this.meFailed ? T('meFailed') : T('loginUnavailable');
    this.readOnly.title = why;
    this.readOnly.setAttribute('aria-label', T('readOnlyLabel', { why }));
    this.userBtn.hidden = !user;
    if (!user) this.closeMenu(false);
    const label = userLabel(user);
    this.userBtn.textContent = label;
    this.userBtn.title = label;
    this.menu.setAttribute('aria-label', T('menu'));
    if (user) {
      const roles = (user.roles || []).map((r) => known(`role.${r}`, r)).join('、');
      if (roles) this.menu.setAttribute('aria-label', T('menuLabel', { user: label, roles }));
      fill(this.menuHead,
        h('span', { class: 'account-menu-name' }, user.display_name || user.username),
        h('span', { class: 'account-menu-sub' }, user.username),
        user.unit ? h('span', { class: 'account-menu-sub' }, user.unit) : null,
        roles ? h('span', { class: 'account-menu-sub' }, `${T('roles')}：${roles}`) : null);
    }
    this.auditItem.textContent = T('auditLog');
    this.pwItem.textContent = T('changePassword');
    this.logoutItem.textContent = T('logout');
  }

  renderAll() {
    this.render();
    this.loginDialog.render();
    this.loginDialogForm.render();
    this.pwDialog.render();
    this.pwForm.render();
    this.audit.render();
    this.renderScreen();
  }

  // The login screen of -require-login: instead of the map, not over it, until someone logs in; the
  // map's data is not asked for before (the service would refuse it).
  syncScreen() {
    const app = document.getElementById('app');
    if (this.mustLogin()) {
      this.buildScreen();
      if (!this.screen.isConnected) {
        this.screenForm.reset();
        document.body.append(this.screen);
      }
      if (app) app.hidden = true;
      this.renderScreen();
      this.screenForm.focus();
    } else {
      this.screen?.remove();
      if (app) app.hidden = false;
    }
  }

  buildScreen() {
    if (this.screen) return;
    this.screenForm = loginForm('acct-screen', { onLoggedIn: () => this.refresh() });
    this.screenTitle = h('h1', null);
    this.screenLang = h('button', { type: 'button', class: 'topbar-button', id: 'acct-screen-lang', onclick: () => this.toggleLang?.() });
    this.screenHeading = h('h2', { id: 'acct-screen-title' });
    this.screenNote = h('p', { class: 'acct-hint' });
    this.screen = h('div', { class: 'login-screen', id: 'login-screen' },
      h('header', { class: 'topbar' }, h('div', { class: 'titles' }, this.screenTitle), this.screenLang),
      h('main', { class: 'login-main' },
        h('section', { class: 'login-card', 'aria-labelledby': 'acct-screen-title' }, this.screenHeading, this.screenNote, this.screenForm.el)));
  }

  renderScreen() {
    if (!this.screen) return;
    document.title = t('app.title');
    this.screenTitle.textContent = t('app.title');
    this.screenLang.textContent = t('app.langSwitch');
    this.screenLang.setAttribute('aria-label', t('app.langSwitchLabel'));
    this.screenHeading.textContent = T('screenTitle');
    this.screenNote.textContent = T('screenNote');
    this.screenForm.render();
  }
}
