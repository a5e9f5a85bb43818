// The briefing's words in Chinese and English: the 'briefing' namespace of the page's one translation
// mechanism (../i18n.js), added when this module loads. Read them through T('key').
import { addStrings, ns } from '../i18n.js';

export const briefing = {
  zh: {
    timeline: '规划年份', play: '播放', pause: '暂停', year: '年份', planNote: '按规划推演，非实际进度（无执行数据）',
    stateLegend: '园区状态（按附件6/附件7年度计划）', st_completed: '已竣工：状态已竣工，或竣工计划已全部到年', st_started: '已开工：已有开工计划到年，或已在建',
    st_supplied: '已供地：供地计划已到年，或已供地', st_planned: '规划中：尚无到年的计划', parcelsNote: '供地地块：计划供地年份 ≤ 所选年份',
    cumLabel: '{y}年按规划累计', supply: '供地', start: '开工', completion: '竣工', output: '产值', charts: '年度计划图表', county: '全县',
    byZone: '按分区', byPark: '按园区', planned: '计划', cumulative: '累计', noFigure: '空缺：规划未列数（“—”）或未录入实际数', present: '汇报模式',
    presentKey: '汇报模式（P）', exit: '退出', prev: '上一步', next: '下一步', exportPng: '导出图片', printTable: '打印进度表',
    figParks: '园区', figMu: '规划用地', figWan: '建筑面积', figFirms: '企业', unitParks: '个', unitMu: '亩', unitWan: '万㎡',
    unitFirms: '家', redevTotal: '低效用地再开发（专栏3）', redevOld: '其中旧厂房（示意区块）', redevAreas: '示意区块',
    targetsTitle: '2022年目标与规划路径（{y}年）', thTarget: '目标', thBaseline: '基数', thPlanned: '规划到年', thGoal: '2022目标',
    thActual: '实际', thClause: '条款', noData: '无数据', step: '{i} / {n}', exportTitle: '平阳县小微企业园高质量发展五年规划（2018—2022年）',
    provenance: '园区等图形为示意 / shapes illustrative；数据来源：平阳县小微企业园高质量发展五年规划（2018—2022年）附件6、附件7；按规划推演，非实际进度', scale: '比例尺',
    north: '北', printTitle: '平阳县小微企业园 2022年目标进度表（规划路径至{y}年）', printNote: '实际执行情况：无数据（parkmap 仅有规划，现状截至2018年10月）。',
    printed: '打印日期', actual: '实际', actualCumulative: '实际累计', thRate: '完成率', thMet: '2022年达标', met: '已达标',
    notMet: '未达标', notDue: '未到期', planNoteActual: '园区状态按规划推演；实际值为各园区录入数据，空缺为未录入',
    printNoteActual: '实际值为各园区录入的数据（每项附来源，见“实际数据”）；部分园区报送的，注明园区数；未录入的为“无数据”。完成率 = 实际 ÷ 2022年目标。',
    printTitleActual: '平阳县小微企业园 2022年目标进度表（规划与实际，至{y}年）',
    provenanceActual: '园区等图形为示意 / shapes illustrative；规划数据来源：平阳县小微企业园高质量发展五年规划（2018—2022年）§二(五)、附件6、附件7；实际数据：各园区录入（附来源）',
    cumActual: '实际', indicators: '{y}年派生指标（据实际数据）', indicatorParks: '（{n}个园区）',
  },
  en: {
    timeline: 'Plan year', play: 'Play', pause: 'Pause', year: 'Year',
    planNote: 'Per the plan, not actual progress (no data on execution)',
    stateLegend: 'Park state (from the yearly plans, 附件6/附件7)',
    st_completed: 'Completed: status 已竣工, or all planned completions reached',
    st_started: 'Started: a start planned by this year, or under construction',
    st_supplied: 'Supplied: supply planned by this year, or already supplied',
    st_planned: 'Planned: nothing planned yet', parcelsNote: 'Parcels: planned supply year ≤ the year shown',
    cumLabel: 'Cumulative per the plan, {y}', supply: 'Supply', start: 'Starts', completion: 'Completions',
    output: 'Output', charts: 'Yearly plan charts', county: 'County', byZone: 'By zone', byPark: 'By park',
    planned: 'planned', cumulative: 'cumulative', noFigure: 'Gaps: no figure in the plan ("—") or no actual entered', present: 'Present',
    presentKey: 'Presentation mode (P)', exit: 'Exit', prev: 'Previous', next: 'Next', exportPng: 'Export PNG',
    printTable: 'Print progress table', figParks: 'Parks', figMu: 'Planned land', figWan: 'Floor area',
    figFirms: 'Firms', unitParks: '', unitMu: '亩', unitWan: '万㎡', unitFirms: '',
    redevTotal: 'Low-efficiency land redevelopment (专栏3)', redevOld: 'Old factories (illustrative areas)',
    redevAreas: 'illustrative areas', targetsTitle: 'The 2022 targets and the plan\'s path ({y})', thTarget: 'Target',
    thBaseline: 'Baseline', thPlanned: 'Planned by year', thGoal: '2022 target', thActual: 'Actual',
    thClause: 'Clause', noData: 'no data', step: '{i} / {n}',
    exportTitle: 'Pingyang County small and micro enterprise parks, plan 2018–2022',
    provenance: '园区等图形为示意 / shapes illustrative; source: 平阳县小微企业园高质量发展五年规划（2018—2022年）附件6, 附件7; per the plan, not actual progress',
    scale: 'Scale', north: 'N',
    printTitle: 'Pingyang parks: progress table against the 2022 targets (plan path to {y})',
    printNote: 'Actual execution: no data (parkmap holds the plan, status as of 2018-10).', printed: 'Printed',
    actual: 'actual', actualCumulative: 'actual cumulative', thRate: 'Completion', thMet: '2022 target met', met: 'met',
    notMet: 'not met', notDue: 'not yet due', planNoteActual: 'Park states per the plan; actual figures as entered per park, gaps where none was entered',
    printNoteActual: 'Actual figures are those entered per park, each with its source; a figure from some parks only names how many; none entered reads "no data". Completion = actual ÷ the 2022 target.',
    printTitleActual: 'Pingyang parks: progress against the 2022 targets (plan and actual, to {y})',
    provenanceActual: '园区等图形为示意 / shapes illustrative; plan figures: 平阳县小微企业园高质量发展五年规划（2018—2022年）§二(五), 附件6, 附件7; actual figures: as entered per park, with their sources',
    cumActual: 'actual', indicators: 'Derived indicators, {y} (from the actual figures)', indicatorParks: ' ({n} parks)',
  },
};

addStrings('briefing', briefing);

/** T reads a string of the 'briefing' namespace: T('step', { i: 2, n: 9 }). */
export const T = ns('briefing');
