// The actual figures' words (issue 12) in Chinese (first) and English: the 'actuals' namespace of the
// page's one translation mechanism (../i18n.js), added when this module loads. Read them through T('key').
// The measures' own names and units come from the service (plan.ActualMeasures), both languages.
import { addStrings, ns } from '../i18n.js';

export const actuals = {
  zh: {
    title: '实际数据', loading: '正在读取实际数据…', loadFailed: '实际数据读取失败：{msg}', none: '无数据',
    noneYet: '尚无实际数据（各年各项均为「无数据」）。', measure: '指标', unit: '单位',
    caption: '{from}—{to}年实际数据；「无数据」不等于 0，上标为来源编号', sources: '来源', enteredBy: '录入：{who}，{at}',
    sourceOf: '来源：{src}', enter: '录入', enterLabel: '录入实际数据', bulk: '批量导入', bulkLabel: '批量导入实际数据（xlsx）',
    form: {
      title: '录入实际数据', hint: '每次录入一个年份；清空某项即删除该项数据（记入审计日志），未填项不视为 0。',
      year: '年份', yearOption: '{y}年', source: '来源', sourceHint: '如「2023年度统计年报」，必填（1—300 字）',
      save: '保存', saving: '正在保存…', cancel: '取消', close: '关闭', noChange: '没有修改任何数据。', saved: '已保存 {y} 年实际数据。',
      current: '当前：{v}', currentNone: '当前：无数据',
    },
    err: {
      number: '请输入数字', negative: '不能为负数', whole: '请输入整数', tooBig: '应小于 10 亿', sourceRequired: '请填写来源',
      sourceLong: '来源不能超过 {n} 个字', sessionEnded: '登录已失效，请重新登录后再保存', forbidden: '您没有录入实际数据的权限',
      network: '无法连接服务器，请检查网络后重试', unavailable: '服务暂不可用，请稍后再试', notFound: '找不到该园区',
      tooLarge: '文件过大（上限 5 MB）', other: '操作失败（HTTP {status}）', year: '年份不在可录入范围内',
    },
    imp: {
      title: '批量导入实际数据', step1: '① 选择年份，下载模板（已预填园区与年份及现有数据）', step2: '② 填写后上传，逐格预览', step3: '③ 无错误时应用（一次事务写入）',
      from: '起始年份', to: '截止年份', download: '下载模板', downloading: '正在生成模板…', downloaded: '已下载：{name}',
      pick: '选择填好的 xlsx 文件', noFileChosen: '未选择文件', upload: '上传并预览', uploading: '正在检查…', apply: '应用', applying: '正在写入…',
      applyHint: '预览无错误且有修改时才可应用', applied: '已应用：{changed} 项修改写入数据库。', noRows: '文件中没有可导入的数据。',
      summary: '共 {rows} 行：修改 {changed} 项，无变化 {unchanged} 项，清除 {cleared} 项，错误 {errors} 项。',
      summaryErrors: '有 {n} 项错误，请修改文件后重新上传；未写入任何数据。', close: '关闭', yearsBad: '起始年份不能晚于截止年份',
      noFile: '请先选择文件',
      col: { row: '行', park: '园区', year: '年份', measure: '指标', cell: '单元格', change: '原值 → 新值', status: '状态' },
      status: { new: '新增', changed: '修改', same: '无变化', empty: '未填', error: '错误', cleared: '清除' },
      onlyChanges: '只显示修改与错误', fileErrors: '文件错误',
    },
  },
  en: {
    title: 'Actual figures', loading: 'Reading the actual figures…', loadFailed: 'Could not read the actual figures: {msg}', none: 'no data',
    noneYet: 'No actual figures yet (every year and measure is "no data").', measure: 'Measure', unit: 'Unit',
    caption: 'Actual figures, {from}–{to}; "no data" is not 0; superscripts number the sources', sources: 'Sources', enteredBy: 'entered by {who}, {at}',
    sourceOf: 'Source: {src}', enter: 'Enter', enterLabel: 'Enter actual figures', bulk: 'Bulk import', bulkLabel: 'Import actual figures in bulk (xlsx)',
    form: {
      title: 'Enter actual figures', hint: 'One year at a time. Emptying a figure deletes it (recorded in the audit log); a blank is never taken as 0.',
      year: 'Year', yearOption: '{y}', source: 'Source', sourceHint: 'e.g. "2023 statistical yearbook"; required (1–300 characters)',
      save: 'Save', saving: 'Saving…', cancel: 'Cancel', close: 'Close', noChange: 'No figure was changed.', saved: 'The figures of {y} are saved.',
      current: 'now: {v}', currentNone: 'now: no data',
    },
    err: {
      number: 'Enter a number', negative: 'Cannot be negative', whole: 'Enter a whole number', tooBig: 'Must be under 1,000,000,000', sourceRequired: 'Give the source',
      sourceLong: 'At most {n} characters', sessionEnded: 'Your login has ended: log in again, then save', forbidden: 'You may not enter actual figures',
      network: 'Cannot reach the server: check the network and try again', unavailable: 'The service is unavailable; try again shortly', notFound: 'No such park',
      tooLarge: 'The file is too large (5 MB at most)', other: 'The request failed (HTTP {status})', year: 'The year is outside the years that can be entered',
    },
    imp: {
      title: 'Import actual figures', step1: '1. Choose the years and download the template (parks, years and existing figures filled in)', step2: '2. Fill it in and upload it for a cell-by-cell preview', step3: '3. Apply when there is no error (written in one transaction)',
      from: 'From', to: 'To', download: 'Download the template', downloading: 'Making the template…', downloaded: 'Downloaded: {name}',
      pick: 'Choose the filled xlsx file', noFileChosen: 'No file chosen', upload: 'Upload and preview', uploading: 'Checking…', apply: 'Apply', applying: 'Writing…',
      applyHint: 'Apply needs a preview with changes and no error', applied: 'Applied: {changed} changes written.', noRows: 'The file holds no figures to import.',
      summary: '{rows} rows: {changed} changed, {unchanged} unchanged, {cleared} cleared, {errors} errors.',
      summaryErrors: '{n} errors: correct the file and upload it again. Nothing was written.', close: 'Close', yearsBad: 'The first year is after the last',
      noFile: 'Choose a file first',
      col: { row: 'Row', park: 'Park', year: 'Year', measure: 'Measure', cell: 'Cell', change: 'Before → after', status: 'Status' },
      status: { new: 'new', changed: 'changed', same: 'unchanged', empty: 'blank', error: 'error', cleared: 'cleared' },
      onlyChanges: 'Only changes and errors', fileErrors: 'File errors',
    },
  },
};

addStrings('actuals', actuals);

/** T reads a string of the 'actuals' namespace. */
export const T = ns('actuals');
