// The park facts editor's words in Chinese and English: the 'facts' namespace of the page's one
// translation mechanism (../i18n.js), added when this module loads. Read them through T('key').
import { addStrings, ns } from '../i18n.js';

export const facts = {
  zh: {
    edit: '编辑', editLabel: '编辑园区现状信息', title: '编辑园区信息', hint: '留空即沿用规划原值；保存后地图、列表与档案即时更新，修改记入审计日志。',
    planDefault: '（沿用规划原值：{v}）', planDefaultNone: '（沿用规划原值）', save: '保存', saving: '正在保存…', cancel: '取消', close: '关闭',
    reload: '重新载入最新信息', noChange: '没有修改任何内容。', saved: '已保存。',
    field: {
      status: '建设状态', firms_in_residence: '入驻企业数', industries: '主导产业', development_mode: '开发模式',
      operator: '运营主体', contact: '联系方式', notes: '备注', recognition_year: '认定年份',
    },
    fieldHint: { industries: '多个产业用逗号或顿号分隔', firms_in_residence: '整数，0 至 100000', recognition_year: '2018 年至明年' },
    conflict: '该园区信息已被他人修改',
    conflictHint: '您打开表单后，{who}于 {at} 保存了新的信息（第 {v} 版）。下表对照两个版本；请重新载入最新信息后再修改。',
    conflictSomeone: '他人', conflictField: '项目', conflictCurrent: '当前（他人保存）', conflictSent: '您的修改',
    history: '修改记录', historyEmpty: '尚无修改记录。', historyFailed: '修改记录读取失败：{msg}', historyLoading: '正在读取修改记录…',
    updated: '现状信息最后修改于 {at}', empty: '（沿用规划原值）',
    err: {
      status: '请选择列出的建设状态', devMode: '请选择列出的开发模式', whole: '请输入整数', range: '应在 {lo} 至 {hi} 之间',
      tooMany: '主导产业最多 {n} 项', industryLong: '每项产业不超过 {n} 个字', repeated: '主导产业有重复项', long: '不能超过 {n} 个字',
      sessionEnded: '登录已失效，请重新登录后再保存', forbidden: '您没有编辑园区信息的权限', network: '无法连接服务器，请检查网络后重试',
      unavailable: '服务暂不可用，请稍后再试', notFound: '找不到该园区', other: '保存失败（HTTP {status}）', loadFailed: '无法读取园区信息：{msg}',
    },
  },
  en: {
    edit: 'Edit', editLabel: "Edit the park's current facts", title: 'Edit park facts', hint: "Leave a field empty to keep the plan's value. A save updates the map, the list and the card at once and is recorded in the audit log.",
    planDefault: "(the plan's: {v})", planDefaultNone: "(the plan's)", save: 'Save', saving: 'Saving…', cancel: 'Cancel', close: 'Close',
    reload: 'Reload the latest facts', noChange: 'Nothing was changed.', saved: 'Saved.',
    field: {
      status: 'Status', firms_in_residence: 'Firms in residence', industries: 'Leading industries', development_mode: 'Development mode',
      operator: 'Operator (运营主体)', contact: 'Contact', notes: 'Notes', recognition_year: 'Recognised (认定) in',
    },
    fieldHint: { industries: 'separate several with commas', firms_in_residence: 'a whole number, 0 to 100000', recognition_year: 'from 2018 to next year' },
    conflict: 'Someone else has changed this park’s facts',
    conflictHint: 'After you opened the form, {who} saved new facts at {at} (version {v}). The table shows both; reload the latest facts and edit again.',
    conflictSomeone: 'someone', conflictField: 'Field', conflictCurrent: 'Now (saved by them)', conflictSent: 'Your change',
    history: 'Change history', historyEmpty: 'No changes yet.', historyFailed: 'Could not read the history: {msg}', historyLoading: 'Reading the history…',
    updated: 'Current facts last changed {at}', empty: "(the plan's)",
    err: {
      status: 'Choose one of the listed statuses', devMode: 'Choose one of the listed modes', whole: 'Enter a whole number', range: 'Must be from {lo} to {hi}',
      tooMany: 'At most {n} industries', industryLong: 'Each industry at most {n} characters', repeated: 'An industry is listed twice', long: 'At most {n} characters',
      sessionEnded: 'Your login has ended: log in again, then save', forbidden: 'You may not edit park facts', network: 'Cannot reach the server: check the network and try again',
      unavailable: 'The service is unavailable; try again shortly', notFound: 'No such park', other: 'Saving failed (HTTP {status})', loadFailed: 'Cannot read the park’s facts: {msg}',
    },
  },
};

addStrings('facts', facts);

/** T reads a string of the 'facts' namespace. */
export const T = ns('facts');
