// The account module's words in Chinese and English: the 'account' namespace of the page's one
// translation mechanism (../i18n.js), added when this module loads. Read them through T('key').
// Errors of the service are translated by their code and field (errors.js), never shown from the
// service's English description.
import { addStrings, ns, has } from '../i18n.js';

export const account = {
  zh: {
    login: '登录', loginTitle: '登录', loginHint: '请输入您的用户名和密码。', username: '用户名', password: '密码',
    submit: '登录', submitting: '正在登录…', cancel: '取消', close: '关闭', logout: '退出',
    menu: '账户菜单', menuLabel: '账户菜单：{user}（{roles}）', readOnlyLabel: '只读：{why}', changePassword: '修改密码', auditLog: '审计日志', roles: '角色',
    readOnly: '只读', loginUnavailable: '本服务未连接可写数据库，暂不能登录；地图照常可用。',
    meFailed: '无法读取登录状态，暂不能登录；地图照常可用。',
    screenTitle: '请先登录', screenNote: '本地图仅对登录用户开放。登录后即显示地图。',
    currentPassword: '当前密码', newPassword: '新密码', repeatPassword: '再次输入新密码',
    pwHint: '新密码至少 10 个字符，不超过 128 个字符，不能与用户名相同。', pwSubmit: '保存新密码', pwSaving: '正在保存…',
    pwDone: '密码已修改。您在其他浏览器或设备上的登录已退出，本页仍保持登录。',
    role: { viewer: '查看', planner: '规划', land: '自然资源', data_admin: '数据管理', admin: '系统管理' },
    err: {
      usernameEmpty: '请输入用户名', passwordEmpty: '请输入密码', usernameInvalid: '用户名为空或过长',
      passwordInvalid: '密码为空或过长', badLogin: '用户名或密码错误', tooMany: '登录失败次数过多，请 {n} 分钟后再试',
      tooManySoon: '登录失败次数过多，请稍后再试', pwTooMany: '尝试次数过多，请 {n} 分钟后再试', pwTooManySoon: '尝试次数过多，请稍后再试',
      unavailable: '服务暂不可用，请稍后再试', network: '无法连接服务器，请检查网络后重试', forbidden: '您没有此项操作的权限',
      sessionEnded: '登录已失效，请重新登录', other: '操作失败（HTTP {status}）', currentEmpty: '请输入当前密码',
      currentWrong: '当前密码不正确', newShort: '新密码至少 10 个字符', newLong: '新密码不能超过 128 个字符',
      newIsUsername: '新密码不能与用户名相同', newInvalid: '新密码不符合要求', repeatMismatch: '两次输入的新密码不一致',
      invalid: '输入有误',
    },
    audit: {
      title: '审计日志', time: '时间', actor: '操作人', action: '操作', object: '对象', change: '变更', source: '来源',
      more: '更多', loading: '正在加载…', empty: '没有符合条件的记录。', count: '已显示 {n} 条', countEnd: '已显示 {n} 条，已到最早的记录',
      filterActor: '操作人', filterTable: '数据表', filterKey: '主键', apply: '筛选', clear: '清除', failed: '审计日志读取失败：{msg}',
      created: '新建', removed: '删除', noChange: '无字段变化', masked: '（已隐藏）', requestId: '请求编号',
    },
    // The actions the service writes (accounts/audit.go, parkfacts, cases); an unknown one is shown as it is.
    action: {
      session: { login: '登录', logout: '退出' },
      user: { create: '新建用户', update: '修改用户', password: '修改密码' },
      park: { facts: '修改园区信息' },
      eligibility: { case: '保存准入案例' },
    },
  },
  en: {
    login: 'Log in', loginTitle: 'Log in', loginHint: 'Enter your user name and password.', username: 'User name',
    password: 'Password', submit: 'Log in', submitting: 'Logging in…', cancel: 'Cancel', close: 'Close', logout: 'Log out',
    menu: 'Account menu', menuLabel: 'Account menu: {user} ({roles})', readOnlyLabel: 'Read-only: {why}', changePassword: 'Change password', auditLog: 'Audit log', roles: 'Roles',
    readOnly: 'Read-only', loginUnavailable: 'This server has no writable database, so no one can log in; the map works as usual.',
    meFailed: 'The login state cannot be read, so no one can log in now; the map works as usual.',
    screenTitle: 'Please log in', screenNote: 'This map is open to logged-in users only. It appears once you log in.',
    currentPassword: 'Current password', newPassword: 'New password', repeatPassword: 'New password again',
    pwHint: 'At least 10 and at most 128 characters, not the same as your user name.', pwSubmit: 'Save the new password',
    pwSaving: 'Saving…', pwDone: 'Your password is changed. Your logins in other browsers or devices have ended; this page stays logged in.',
    role: { viewer: 'viewer', planner: 'planner', land: 'land bureau', data_admin: 'data admin', admin: 'admin' },
    err: {
      usernameEmpty: 'Enter your user name', passwordEmpty: 'Enter your password', usernameInvalid: 'The user name is empty or too long',
      passwordInvalid: 'The password is empty or too long', badLogin: 'Wrong user name or password',
      tooMany: 'Too many failed logins; try again in {n} min', tooManySoon: 'Too many failed logins; try again later',
      pwTooMany: 'Too many attempts; try again in {n} min', pwTooManySoon: 'Too many attempts; try again later',
      unavailable: 'The service is unavailable; try again later', network: 'The server cannot be reached; check the network and try again',
      forbidden: 'You may not do this', sessionEnded: 'Your login has ended; log in again', other: 'It did not work (HTTP {status})',
      currentEmpty: 'Enter your current password', currentWrong: 'The current password is wrong',
      newShort: 'The new password needs at least 10 characters', newLong: 'The new password may have at most 128 characters',
      newIsUsername: 'The new password may not be your user name', newInvalid: 'The new password is not accepted',
      repeatMismatch: 'The two new passwords differ', invalid: 'Invalid input',
    },
    audit: {
      title: 'Audit log', time: 'Time', actor: 'Who', action: 'Action', object: 'Object', change: 'Change', source: 'From',
      more: 'More', loading: 'Loading…', empty: 'No entry matches.', count: '{n} shown', countEnd: '{n} shown, back to the oldest',
      filterActor: 'Who', filterTable: 'Table', filterKey: 'Key', apply: 'Filter', clear: 'Clear', failed: 'The audit log cannot be read: {msg}',
      created: 'created', removed: 'removed', noChange: 'no field changed', masked: '(hidden)', requestId: 'Request id',
    },
    action: {
      session: { login: 'log in', logout: 'log out' },
      user: { create: 'create user', update: 'update user', password: 'change password' },
      park: { facts: 'edit park facts' },
      eligibility: { case: 'save eligibility case' },
    },
  },
};

addStrings('account', account);

/** T reads a string of the 'account' namespace: T('err.tooMany', { n: 5 }). */
export const T = ns('account');

/** known reads a string named by a value of the API (an action, a role), or the value itself when this
 * page does not know it (a newer server). */
export const known = (key, fallback) => (has(`account.${key}`) ? T(key) : fallback);
