// The service's account errors as the page shows them: by code and field, in the page's language,
// never the service's English description. Pure (no DOM, no fetch), so that node tests it
// (web/ui/test/account.test.mjs). A message is a descriptor {field, key, args}: the field it belongs
// to (null: the form as a whole) and an 'account' string key, translated when it is drawn, so that a
// language switch re-translates a message already on screen.

/** ApiError is a refused request: HTTP status, the service's code and field, and Retry-After. */
export class ApiError extends Error {
  constructor({ status = 0, code = '', field = '', retryAfter = null, description = '' } = {}) {
    super(description || code || `HTTP ${status}`);
    this.name = 'ApiError';
    Object.assign(this, { status, code, field, retryAfter });
  }
}

/** The limits of a new password that the page checks before sending (the service checks them too). */
export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 128;

/**
 * retryMinutes turns a Retry-After header (seconds, or an HTTP date) into whole minutes, rounded up
 * and at least 1; null when there is none or it cannot be read. now is for the tests.
 */
export function retryMinutes(retryAfter, now = Date.now()) {
  if (retryAfter == null || retryAfter === '') return null;
  const s = String(retryAfter).trim();
  let seconds;
  if (/^\d+$/.test(s)) seconds = Number(s);
  else {
    const at = Date.parse(s);
    if (Number.isNaN(at)) return null;
    seconds = (at - now) / 1000;
  }
  return Math.max(1, Math.ceil(seconds / 60));
}

/** passwordProblem names what is wrong with a new password (an 'err.*' key), or null. Lengths are in
 * characters (code points), not UTF-16 units. */
export function passwordProblem(password, username = '') {
  const n = [...String(password ?? '')].length;
  if (n < PASSWORD_MIN) return 'err.newShort';
  if (n > PASSWORD_MAX) return 'err.newLong';
  if (username && password === username) return 'err.newIsUsername';
  return null;
}

const msg = (field, key, args) => ({ field: field || null, key, ...(args ? { args } : {}) });

// What every form shares: lockout, outage, network, permission, an unknown answer.
function common(err, lockKey) {
  if (err.status === 0 || err.code === 'network') return msg(null, 'err.network');
  if (err.status === 429 || err.code === 'too_many_requests') {
    const n = retryMinutes(err.retryAfter);
    return n == null ? msg(null, `${lockKey}Soon`) : msg(null, lockKey, { n });
  }
  if (err.status === 503 || err.code === 'unavailable') return msg(null, 'err.unavailable');
  if (err.status === 403 || err.code === 'forbidden') return msg(null, 'err.forbidden');
  return msg(null, 'err.other', { status: err.status });
}

/**
 * loginMessage is the message for a refused POST /api/session: 401 is one answer for an unknown user,
 * a wrong password and a disabled account alike (the service does not say which).
 */
export function loginMessage(err) {
  if (err.status === 401 || err.code === 'unauthorized') return msg(null, 'err.badLogin');
  if (err.status === 400 || err.code === 'invalid') {
    if (err.field === 'username') return msg('username', 'err.usernameInvalid');
    if (err.field === 'password') return msg('password', 'err.passwordInvalid');
    return msg(null, 'err.invalid');
  }
  return common(err, 'err.tooMany');
}

/**
 * passwordMessage is the message for a refused PUT /api/me/password, at the field the service names.
 * The service does not say which rule a new password broke; the page names the one it can see in
 * what was sent, else the rules as a whole.
 */
export function passwordMessage(err, sent = {}, username = '') {
  if (err.status === 401 || err.code === 'unauthorized') {
    if (err.field === 'current_password') return msg('current_password', 'err.currentWrong');
    return msg(null, 'err.sessionEnded');
  }
  if (err.status === 400 || err.code === 'invalid') {
    if (err.field === 'new_password') return msg('new_password', passwordProblem(sent.new_password, username) || 'err.newInvalid');
    if (err.field === 'current_password') return msg('current_password', 'err.currentEmpty');
    return msg(null, 'err.invalid');
  }
  return common(err, 'err.pwTooMany');
}

/** checkLogin finds what the page itself can tell about a login form before sending it. */
export function checkLogin({ username, password }) {
  const out = [];
  if (!String(username ?? '').trim()) out.push(msg('username', 'err.usernameEmpty'));
  if (!password) out.push(msg('password', 'err.passwordEmpty'));
  return out;
}

/** checkPassword finds what the page itself can tell about a change of password before sending it. */
export function checkPassword({ current, next, repeat }, username = '') {
  const out = [];
  if (!current) out.push(msg('current_password', 'err.currentEmpty'));
  const p = passwordProblem(next, username);
  if (p) out.push(msg('new_password', p));
  else if (next !== repeat) out.push(msg('repeat_password', 'err.repeatMismatch'));
  return out;
}

/** generalMessage is the message for any other refused account request (the audit log). */
export function generalMessage(err) {
  if (err.status === 401 || err.code === 'unauthorized') return msg(null, 'err.sessionEnded');
  return common(err, 'err.pwTooMany');
}
