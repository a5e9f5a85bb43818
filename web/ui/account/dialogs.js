// The account's forms and dialogs: the login form (in a dialog, or on the login screen of -require-login)
// and the change of password. A dialog is a native <dialog> opened modal: the browser keeps focus in it
// and Escape closes it; on closing, focus returns to what opened it. Every field has a label; an error
// is shown at its field (aria-invalid, aria-describedby) or, for the form as a whole, in an alert.
// Texts are set by render(), so that a language switch re-translates an open form, errors included.
import { h } from '../dom.js';
import { T } from './strings.js';
import * as client from './client.js';
import { ApiError, loginMessage, passwordMessage, checkLogin, checkPassword } from './errors.js';

/** Dialog is a modal <dialog> with a title and a close button around body. */
export class Dialog {
  constructor(id, titleKey, body, { wide = false } = {}) {
    this.titleKey = titleKey;
    this.title = h('h2', { id: `${id}-title`, class: 'acct-dialog-title' });
    this.closeBtn = h('button', { type: 'button', class: 'icon-button acct-close', id: `${id}-close`, onclick: () => this.close() }, '×');
    this.el = h('dialog', { id, class: ['acct-dialog', wide ? 'acct-wide' : ''], role: 'dialog', 'aria-labelledby': `${id}-title` },
      h('div', { class: 'acct-dialog-head' }, this.title, this.closeBtn), body);
    this.opener = null;
    this.onClose = null;
    this.el.addEventListener('close', () => {
      this.onClose?.();
      const back = this.opener && this.opener.isConnected && !this.opener.hidden ? this.opener : this.fallback?.();
      back?.focus();
      this.opener = null;
    });
    this.render();
  }

  render() {
    this.title.textContent = T(this.titleKey);
    this.closeBtn.setAttribute('aria-label', T('close'));
    this.closeBtn.title = T('close');
  }

  get isOpen() {
    return this.el.open;
  }

  /** open shows the dialog modal; focus goes to the element with autofocus (or the first field). */
  open(opener = document.activeElement) {
    if (!this.el.isConnected) document.body.append(this.el);
    this.opener = opener;
    if (!this.el.open) this.el.showModal();
  }

  close() {
    if (this.el.open) this.el.close();
  }
}

// A labelled field with its own error line.
function field(id, type, autocomplete, { autofocus = false } = {}) {
  const input = h('input', { id, name: id, type, autocomplete, autofocus, spellcheck: 'false', autocapitalize: 'off' });
  const label = h('label', { for: id });
  const error = h('p', { id: `${id}-error`, class: 'acct-field-error', hidden: true });
  return { input, label, error, el: h('div', { class: 'acct-field' }, label, input, error) };
}

// showErrors draws error descriptors at their fields (by name) or in the form's alert.
function showErrors(fields, alertEl, errors) {
  for (const [name, f] of Object.entries(fields)) {
    const e = errors.find((x) => x.field === name);
    f.error.hidden = !e;
    f.error.textContent = e ? T(e.key, e.args) : '';
    if (e) {
      f.input.setAttribute('aria-invalid', 'true');
      f.input.setAttribute('aria-describedby', f.error.id);
    } else {
      f.input.removeAttribute('aria-invalid');
      f.input.removeAttribute('aria-describedby');
    }
  }
  const general = errors.filter((x) => !x.field || !fields[x.field]);
  alertEl.hidden = !general.length;
  alertEl.textContent = general.map((e) => T(e.key, e.args)).join('；');
}

/**
 * loginForm is the login form: user name, password, submit (also by Enter). onLoggedIn(me) is called
 * with the service's answer; onCancel, when given (in a dialog), adds a 取消 button.
 */
export function loginForm(prefix, { onLoggedIn, onCancel }) {
  const fields = {
    // In a dialog, showModal() focuses the autofocus field; the login screen focuses it itself.
    username: field(`${prefix}-username`, 'text', 'username', { autofocus: Boolean(onCancel) }),
    password: field(`${prefix}-password`, 'password', 'current-password'),
  };
  const hint = h('p', { class: 'acct-hint' });
  const alertEl = h('p', { id: `${prefix}-error`, class: 'acct-error', role: 'alert', hidden: true });
  const submit = h('button', { type: 'submit', class: 'text-button primary', id: `${prefix}-submit` });
  const cancel = onCancel ? h('button', { type: 'button', class: 'text-button', onclick: onCancel }) : null;
  const form = h('form', { class: 'acct-form', id: `${prefix}-form`, novalidate: true },
    hint, fields.username.el, fields.password.el, alertEl, h('div', { class: 'acct-buttons' }, submit, cancel));
  const st = { errors: [], busy: false };

  function render() {
    hint.textContent = T('loginHint');
    fields.username.label.textContent = T('username');
    fields.password.label.textContent = T('password');
    submit.textContent = st.busy ? T('submitting') : T('submit');
    submit.disabled = st.busy;
    if (cancel) cancel.textContent = T('cancel');
    showErrors(fields, alertEl, st.errors);
  }

  function focusFirstError() {
    const name = st.errors.find((e) => e.field)?.field;
    (fields[name] || fields.password).input.focus();
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (st.busy) return;
    const values = { username: fields.username.input.value.trim(), password: fields.password.input.value };
    st.errors = checkLogin(values);
    if (st.errors.length) {
      render();
      focusFirstError();
      return;
    }
    st.busy = true;
    render();
    try {
      const me = await client.login(values.username, values.password);
      st.errors = [];
      fields.password.input.value = '';
      st.busy = false;
      render();
      await onLoggedIn(me);
    } catch (err) {
      st.busy = false;
      st.errors = [err instanceof ApiError ? loginMessage(err) : { field: null, key: 'err.network' }];
      if (st.errors[0].key === 'err.badLogin') fields.password.input.value = '';
      render();
      if (st.errors[0].field) focusFirstError();
      else fields.password.input.focus();
    }
  });

  render();
  return {
    el: form, render,
    reset() {
      st.errors = [];
      fields.password.input.value = '';
      render();
    },
    focus: () => (fields.username.input.value ? fields.password.input : fields.username.input).focus(),
    state: st,
  };
}

/**
 * passwordForm changes the user's own password: current, new, and the new one again (checked here);
 * the service's field errors are shown at their fields. username() is the user's name (a new password
 * may not equal it); onUnauthorized() is told when the service no longer knows the session.
 */
export function passwordForm(prefix, { username, onDone, onCancel, onUnauthorized }) {
  const fields = {
    current_password: field(`${prefix}-current`, 'password', 'current-password', { autofocus: true }),
    new_password: field(`${prefix}-new`, 'password', 'new-password'),
    repeat_password: field(`${prefix}-repeat`, 'password', 'new-password'),
  };
  // For password managers (and Chrome's advice): the account the password belongs to.
  const user = h('input', { type: 'text', name: 'username', autocomplete: 'username', hidden: true, readonly: true, tabindex: '-1' });
  const hint = h('p', { class: 'acct-hint', id: `${prefix}-hint` });
  fields.new_password.input.setAttribute('aria-describedby', hint.id);
  const alertEl = h('p', { id: `${prefix}-error`, class: 'acct-error', role: 'alert', hidden: true });
  const done = h('p', { id: `${prefix}-done`, class: 'acct-done', role: 'status', hidden: true, tabindex: '-1' });
  const submit = h('button', { type: 'submit', class: 'text-button primary', id: `${prefix}-submit` });
  const cancel = h('button', { type: 'button', class: 'text-button', id: `${prefix}-cancel`, onclick: onCancel });
  const body = h('div', { class: 'acct-form-body' }, fields.current_password.el, fields.new_password.el, hint,
    fields.repeat_password.el, alertEl);
  const form = h('form', { class: 'acct-form', id: `${prefix}-form`, novalidate: true }, user, body, done,
    h('div', { class: 'acct-buttons' }, submit, cancel));
  const st = { errors: [], busy: false, done: false };

  function render() {
    fields.current_password.label.textContent = T('currentPassword');
    fields.new_password.label.textContent = T('newPassword');
    fields.repeat_password.label.textContent = T('repeatPassword');
    hint.textContent = T('pwHint');
    done.textContent = T('pwDone');
    body.hidden = st.done;
    done.hidden = !st.done;
    submit.hidden = st.done;
    submit.textContent = st.busy ? T('pwSaving') : T('pwSubmit');
    submit.disabled = st.busy;
    cancel.textContent = st.done ? T('close') : T('cancel');
    showErrors(fields, alertEl, st.errors);
    // The hint stays described on the new password, beside its error.
    const ne = fields.new_password;
    ne.input.setAttribute('aria-describedby', ne.error.hidden ? hint.id : `${ne.error.id} ${hint.id}`);
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (st.busy || st.done) return;
    const values = { current: fields.current_password.input.value, next: fields.new_password.input.value,
      repeat: fields.repeat_password.input.value };
    st.errors = checkPassword(values, username());
    if (!st.errors.length) {
      st.busy = true;
      render();
      try {
        await client.changePassword(values.current, values.next);
        st.done = true;
        for (const f of Object.values(fields)) f.input.value = '';
        onDone?.();
      } catch (err) {
        st.errors = [err instanceof ApiError ? passwordMessage(err, { new_password: values.next }, username()) : { field: null, key: 'err.network' }];
      }
      st.busy = false;
    }
    render();
    if (st.errors.some((x) => x.key === 'err.sessionEnded')) onUnauthorized?.();
    if (st.done) cancel.focus();
    else fields[st.errors.find((x) => x.field)?.field]?.input.focus();
  });

  render();
  return {
    el: form, render, state: st,
    reset() {
      Object.assign(st, { errors: [], busy: false, done: false });
      for (const f of Object.values(fields)) f.input.value = '';
      user.value = username();
      render();
    },
  };
}
