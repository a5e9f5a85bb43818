// The park evaluations' words (绩效评价, issue 12) in Chinese and English: the 'evaluations' namespace
// of the page's one translation mechanism (../i18n.js). Read them through T('key').
import { addStrings, ns } from '../i18n.js';

export const evaluations = {
  zh: {
    title: '绩效评价', loading: '正在读取评价档次…', failed: '评价档次读取失败：{msg}',
    year: '年份', grade: '档次', nameInNotice: '通知中的名称', source: '来源', enteredBy: '录入',
    round: '{year}年共评价{n}个园区（已认定{r}个；A档{a}个、B档{b}个、C档{c}个、D档{d}个），本系统有其中{known}个的档次。',
    roundMethod: '{issuer}，{date}；评价办法：{method}；评价维度：{dims}。',
    noData: '无数据', noDataHint: '该年通知评价了{n}个园区，本系统只知道其中{known}个的档次；本园区不在其中，或未参评，不作推测。',
    none: '本园区尚无已知的评价档次。', gradeOf: '{g} 档',
    match: '名称对应', originPlanner: '规划人员录入', originDataset: '随数据发布',
    formTitle: '录入评价档次', save: '保存评价', saving: '正在保存…', remove: '删除', removeLabel: '删除 {year} 年的评价档次',
    sourceHint: '必填：出自哪份通知或文件', nameHint: '选填：通知中该园区的名称', yearHint: '2018 年至今年',
    saved: '已保存 {year} 年的评价档次。', removed: '已删除 {year} 年的评价档次。', chooseGrade: '请选择',
    err: {
      sessionEnded: '登录已失效，请重新登录后再保存', forbidden: '您没有录入评价档次的权限', network: '无法连接服务器，请检查网络后重试',
      other: '保存失败（HTTP {status}）',
    },
  },
  en: {
    title: 'Evaluation (绩效评价)', loading: 'Reading the grades…', failed: 'Could not read the grades: {msg}',
    year: 'Year', grade: 'Grade', nameInNotice: 'Name in the notice', source: 'Source', enteredBy: 'Entered by',
    round: 'In {year} the county graded {n} parks ({r} recognised; A {a}, B {b}, C {c}, D {d}); {known} of those grades are known here.',
    roundMethod: '{issuer}, {date}; method: {method}; dimensions: {dims}.',
    noData: 'No data', noDataHint: 'That year’s notice graded {n} parks and only {known} of the grades are known here; this park is not among them, or was not graded. Nothing is guessed.',
    none: 'No grade of this park is known.', gradeOf: 'Grade {g}',
    match: 'Name match', originPlanner: 'entered by a planner', originDataset: 'bundled with the data',
    formTitle: 'Enter a grade', save: 'Save grade', saving: 'Saving…', remove: 'Remove', removeLabel: 'Remove the grade of {year}',
    sourceHint: 'required: the notice or file it comes from', nameHint: 'optional: the park’s name in the notice', yearHint: 'from 2018 to this year',
    saved: 'The grade of {year} is saved.', removed: 'The grade of {year} is removed.', chooseGrade: 'Choose',
    err: {
      sessionEnded: 'Your login has ended: log in again, then save', forbidden: 'You may not enter grades', network: 'Cannot reach the server: check the network and try again',
      other: 'Saving failed (HTTP {status})',
    },
  },
};

addStrings('evaluations', evaluations);

/** T reads a string of the 'evaluations' namespace. */
export const T = ns('evaluations');
