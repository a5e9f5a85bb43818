// The account module's pure parts (web/ui/account/): the service's error codes as the page's messages,
// Retry-After in minutes, the checks made before sending, permission gating, the audit log's
// before → after rows and its times.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setLang } from '../i18n.js';
import { T } from '../account/strings.js';
import {
  ApiError, retryMinutes, passwordProblem, loginMessage, passwordMessage, checkLogin, checkPassword, generalMessage,
} from '../account/errors.js';
import { Permissions, PERMISSIONS, userLabel } from '../account/perms.js';
import { diffRows, diffText, formatValue, formatTime, isSecret } from '../account/diff.js';
import { auditQuery } from '../account/client.js';

const say = (m) => T(m.key, m.args);
const err = (status, code, more = {}) => new ApiError({ status, code, ...more });

test('Retry-After becomes whole minutes, rounded up, at least one', () => {
  assert.equal(retryMinutes('300'), 5);
  assert.equal(retryMinutes('301'), 6);
  assert.equal(retryMinutes('59'), 1);
  assert.equal(retryMinutes('0'), 1);
  assert.equal(retryMinutes(' 120 '), 2);
  const now = Date.parse('2026-12-02T08:00:00Z');
  assert.equal(retryMinutes('Wed, 02 Dec 2026 08:10:00 GMT', now), 10);
  assert.equal(retryMinutes(null), null);
  assert.equal(retryMinutes(''), null);
  assert.equal(retryMinutes('soon'), null);
});

test('login errors are translated by code and field, never from the English description', () => {
  setLang('zh');
  const english = 'invalid user name or password';
  const bad = loginMessage(err(401, 'unauthorized', { description: english }));
  assert.deepEqual(bad, { field: null, key: 'err.badLogin' });
  assert.equal(say(bad), '用户名或密码错误');
  const locked = loginMessage(err(429, 'too_many_requests', { retryAfter: '900' }));
  assert.equal(say(locked), '登录失败次数过多，请 15 分钟后再试');
  assert.equal(say(loginMessage(err(429, 'too_many_requests', { retryAfter: '61' }))), '登录失败次数过多，请 2 分钟后再试');
  assert.equal(say(loginMessage(err(429, 'too_many_requests'))), '登录失败次数过多，请稍后再试');
  assert.deepEqual(loginMessage(err(400, 'invalid', { field: 'username' })), { field: 'username', key: 'err.usernameInvalid' });
  assert.deepEqual(loginMessage(err(400, 'invalid', { field: 'password' })), { field: 'password', key: 'err.passwordInvalid' });
  assert.equal(say(loginMessage(err(503, 'unavailable'))), '服务暂不可用，请稍后再试');
  assert.equal(say(loginMessage(err(0, 'network'))), '无法连接服务器，请检查网络后重试');
  assert.equal(say(loginMessage(err(500, 'internal'))), '操作失败（HTTP 500）');
  for (const m of [bad, locked]) assert.ok(!say(m).includes(english));
  setLang('en');
  assert.equal(say(locked), 'Too many failed logins; try again in 15 min');
  assert.equal(say(bad), 'Wrong user name or password');
  setLang('zh');
});

test('password errors land at the field the service names, with the rule the page can see', () => {
  setLang('zh');
  assert.deepEqual(passwordMessage(err(401, 'unauthorized', { field: 'current_password' })), { field: 'current_password', key: 'err.currentWrong' });
  assert.deepEqual(passwordMessage(err(401, 'unauthorized')), { field: null, key: 'err.sessionEnded' });
  const inv = (sent, user = 'zhang.san') => passwordMessage(err(400, 'invalid', { field: 'new_password' }), { new_password: sent }, user);
  assert.deepEqual(inv('short'), { field: 'new_password', key: 'err.newShort' });
  assert.deepEqual(inv('x'.repeat(129)), { field: 'new_password', key: 'err.newLong' });
  assert.deepEqual(inv('zhang.san.1', 'zhang.san.1'), { field: 'new_password', key: 'err.newIsUsername' });
  // The service refused a password the page found fine (it counts otherwise): the rules as a whole.
  assert.deepEqual(inv('long-enough-password'), { field: 'new_password', key: 'err.newInvalid' });
  assert.equal(say(passwordMessage(err(429, 'too_many_requests', { retryAfter: '120' }))), '尝试次数过多，请 2 分钟后再试');
  assert.equal(say(generalMessage(err(403, 'forbidden'))), '您没有此项操作的权限');
  assert.equal(say(generalMessage(err(401, 'unauthorized'))), '登录已失效，请重新登录');
});

test('the page checks what it can before sending', () => {
  assert.deepEqual(checkLogin({ username: '  ', password: '' }).map((m) => m.field), ['username', 'password']);
  assert.deepEqual(checkLogin({ username: 'a', password: 'b' }), []);
  assert.equal(passwordProblem('123456789'), 'err.newShort');
  assert.equal(passwordProblem('1234567890'), null);
  assert.equal(passwordProblem('密码密码密码密码密码'), null, 'ten Chinese characters are ten characters');
  assert.equal(passwordProblem('😀'.repeat(10)), null, 'characters, not UTF-16 units');
  assert.equal(passwordProblem('😀'.repeat(65)), null);
  assert.equal(passwordProblem('a'.repeat(128)), null);
  assert.equal(passwordProblem('a'.repeat(129)), 'err.newLong');
  const c = (current, next, repeat) => checkPassword({ current, next, repeat }, 'zhang.san.x').map((m) => `${m.field} ${m.key}`);
  assert.deepEqual(c('', 'long-enough-1', 'long-enough-1'), ['current_password err.currentEmpty']);
  assert.deepEqual(c('old', 'long-enough-1', 'long-enough-2'), ['repeat_password err.repeatMismatch']);
  assert.deepEqual(c('old', 'zhang.san.x', 'zhang.san.x'), ['new_password err.newIsUsername']);
  assert.deepEqual(c('old', 'long-enough-1', 'long-enough-1'), []);
});

// A gated element as the page has it: a hidden property and a dataset.
const fakeEl = () => ({ hidden: false, dataset: {} });

test('a gated element is hidden unless its permission is held, and follows every change', () => {
  const p = new Permissions();
  const audit = p.gate(fakeEl(), 'audit.read');
  const pw = p.gate(fakeEl(), 'account.password');
  const edit = p.gate(fakeEl(), 'parks.edit');
  assert.equal(audit.dataset.requires, 'audit.read');
  assert.deepEqual([audit.hidden, pw.hidden, edit.hidden], [true, true, true], 'a visitor sees no gated control');
  assert.equal(p.can('account.password'), false);
  const heard = [];
  p.onChange((me, prev) => heard.push(`${prev.authenticated}→${me.authenticated} ${audit.hidden}`));
  p.set({ authenticated: true, user: { username: 'v' }, can: ['account.password'] });
  assert.deepEqual([audit.hidden, pw.hidden, edit.hidden], [true, false, true], 'a viewer');
  p.set({ authenticated: true, user: { username: 'a' }, can: ['account.password', 'audit.read', 'users.manage'] });
  assert.deepEqual([audit.hidden, pw.hidden, edit.hidden], [false, false, true], 'an admin');
  assert.ok(p.can('users.manage') && !p.can('parks.edit'));
  const later = p.gate(fakeEl(), 'audit.read');
  assert.equal(later.hidden, false, 'gated after the login: shown at once');
  // A `can` without a login grants nothing.
  p.set({ authenticated: false, can: ['audit.read'] });
  assert.deepEqual([audit.hidden, pw.hidden, later.hidden], [true, true, true], 'logged out');
  assert.deepEqual(heard, ['false→true true', 'true→true false', 'true→false true'], 'listeners run after the gates');
  p.ungate(later);
  p.set({ authenticated: true, can: ['audit.read'] });
  assert.equal(later.hidden, true, 'an ungated element is left alone');
  assert.equal(p.gatedElements().length, 3);
  assert.throws(() => p.gate(fakeEl(), ''), /no permission/);
  assert.ok(PERMISSIONS.includes('parks.edit') && PERMISSIONS.includes('layers.rollback'));
});

test('an unsubscribed listener is not called again', () => {
  const p = new Permissions();
  let n = 0;
  const off = p.onChange(() => n++);
  p.set({ authenticated: true, can: [] });
  off();
  p.set({ authenticated: false });
  assert.equal(n, 1);
});

test('the audit diff lists the fields that changed, sorted, with secrets hidden', () => {
  const before = { username: 'zhang.san', unit: '县经信局', roles: ['viewer'], disabled: false, password_hash: '$argon2id$…' };
  const after = { username: 'zhang.san', unit: '县自然资源和规划局', roles: ['viewer', 'planner'], disabled: false, password_hash: '$argon2id$new' };
  const rows = diffRows(before, after);
  assert.deepEqual(rows.map((r) => `${r.kind} ${r.key}`), ['changed password_hash', 'changed roles', 'changed unit']);
  const text = rows.map((r) => diffText(r, '（已隐藏）'));
  assert.deepEqual(text, ['password_hash: （已隐藏） → （已隐藏）', 'roles: ["viewer"] → ["viewer","planner"]', 'unit: 县经信局 → 县自然资源和规划局']);
  const created = diffRows(null, { username: 'li.si', roles: ['land'] });
  assert.deepEqual(created.map((r) => diffText(r)), ['+ roles: ["land"]', '+ username: li.si']);
  const removed = diffRows({ id: 7 }, null);
  assert.deepEqual(removed.map((r) => diffText(r)), ['− id: 7']);
  assert.deepEqual(diffRows({ a: 1, b: 2 }, { a: 1, c: 3 }).map((r) => diffText(r)), ['− b: 2', '+ c: 3']);
  assert.deepEqual(diffRows({ a: { x: 1 } }, { a: { x: 1 } }), [], 'equal nested values are no change');
  assert.deepEqual(diffRows(null, null), []);
  assert.deepEqual(diffRows(null, 'plain').map((r) => diffText(r)), ['+ plain']);
  assert.ok(isSecret('new_password') && isSecret('token') && isSecret('password_hash') && isSecret('session_token'));
  assert.ok(!isSecret('unit') && !isSecret('password_changed'), 'a flag that a password changed is no secret');
  assert.deepEqual(diffRows(null, { password_changed: true }).map((r) => diffText(r)), ['+ password_changed: true']);
});

test('values are written compactly and cut with an ellipsis', () => {
  assert.equal(formatValue('县经信局'), '县经信局');
  assert.equal(formatValue(null), 'null');
  assert.equal(formatValue({ a: [1, 2] }), '{"a":[1,2]}');
  assert.equal(formatValue('x'.repeat(100), 10), `${'x'.repeat(9)}…`);
  assert.equal([...formatValue('园'.repeat(100), 10)].length, 10);
  assert.equal(formatValue(undefined), '');
});

test('times are shown in the reader\'s zone and language', () => {
  assert.equal(formatTime('2026-12-02T08:00:00Z', 'zh', 'Asia/Shanghai'), '2026/12/2 16:00:00');
  assert.equal(formatTime('2026-12-02T08:00:00Z', 'en', 'UTC'), '02/12/2026, 08:00:00');
  assert.equal(formatTime('not a time'), 'not a time');
});

test('the audit query carries the page size, the page and the filters that are set', () => {
  assert.equal(auditQuery(), 'limit=50');
  assert.equal(auditQuery({ before: 11, actor: 'admin', table: '', key: '张三' }), 'limit=50&before=11&actor=admin&key=%E5%BC%A0%E4%B8%89');
  assert.equal(auditQuery({ limit: 10, before: 0 }), 'limit=10&before=0');
});

test('the top bar shows the display name and the unit', () => {
  assert.equal(userLabel({ username: 'zhang.san', display_name: '张三', unit: '县经信局' }), '张三 · 县经信局');
  assert.equal(userLabel({ username: 'zhang.san', display_name: '', unit: '' }), 'zhang.san');
  assert.equal(userLabel(null), '');
});
