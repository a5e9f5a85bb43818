// The eligibility tool's words in Chinese and English: the 'eligibility' namespace of the page's one
// translation mechanism (../i18n.js), added when this module loads. Read them through T('key').
import { addStrings, ns, has } from '../i18n.js';

export const eligibility = {
  zh: {
    tool: '准入检查', toolTitle: '地块准入检查：绘制、选择或上传地块，按规划条款逐条检查', panelTitle: '地块准入检查', close: '关闭', modeDraw: '绘制多边形',
    modeSelect: '在图上选择地块', modeFile: '上传 GeoJSON', drawHint: '在地图上单击添加顶点，双击或按 Enter 完成，Esc 取消。',
    drawAddCenter: '添加地图中心点', drawFinish: '完成', drawCancel: '取消', drawPoints: '已添加 {n} 个顶点',
    selectHint: '单击地图上的供地地块或再开发区块，或输入其编号。', parcelId: '地块编号', pick: '选定',
    fileHint: '拖入或选择 GeoJSON 文件（Polygon / MultiPolygon）。', crs: '坐标系', file: 'GeoJSON 文件',
    dropHere: '将 GeoJSON 文件拖到此处', target: '检查对象', targetNone: '尚未选定地块', targetDrawn: '绘制的多边形（约 {mu} 亩）',
    targetFile: '文件：{name}', targetParcel: '地块 {id}', proposal: '方案', proposalType: '方案类型', facts: '方案事实',
    unknown: '未填写', yes: '是', no: '否', check: '检查', checking: '正在检查…', report: '打印报告', printNow: '打印',
    closeReport: '关闭报告', verdict: { eligible: '符合准入', not_eligible: '不符合准入', needs_information: '尚需补充信息' },
    result: { pass: '满足', fail: '不满足', needs_information: '需补充', not_applicable: '不适用' }, rule: '规则', value: '数值',
    threshold: '标准', clause: '条款', reason: '说明', missing: '尚需补充的事实', rulesVersion: '规则版本', checkedAt: '检查时间',
    factsTitle: '地块事实', area: '面积', siteArea: '整宗土地面积', zones: '空间分区', towns: '乡镇', overlapParks: '重叠小微园',
    overlapRedev: '重叠再开发区块', constraints: '约束图层', none: '无', insideCounty: '县域内',
    inside: { fully: '全部在县域内', partly: '部分在县域内', outside: '不在县域内' }, reportTitle: '地块准入检查报告', mapImage: '地块位置图',
    errorFile: 'GeoJSON 无法读取：', errorNoPolygon: '文件中没有 Polygon / MultiPolygon', errorCheck: '检查失败：',
    cases: '案例', casesTitle: '准入案例', saveCase: '保存为案例', saving: '正在保存…', saved: '已保存为案例 {number}',
    saveFailed: '保存失败：', caseNote: '备注', notePlaceholder: '如：现场踏勘情况、复核意见（最多 2000 字）', noteTooLong: '备注最多 {n} 字',
    caseNumber: '案例编号', caseVerdict: '结论', anyVerdict: '全部', caseSince: '起始日期', caseUntil: '截止日期', search: '查询',
    noCases: '没有符合条件的案例', caseDrawn: '绘制地块', casesFailed: '案例读取失败：', casesLogin: '登录已失效，请重新登录',
    casesForbidden: '您的角色不能保存案例', savedBy: '保存人', savedAt: '保存时间', asSaved: '以下为保存时的结论（规则版本 {version}）',
    today: '按现行规则（版本 {version}）的结论', todayError: '现行规则无法检查该请求：', backToCheck: '返回案例列表',
    caseReport: '案例报告', exportPdf: '导出PDF / 打印',
    pdfHint: 'PDF 由浏览器自带的打印功能生成：在打印对话框中将“目标打印机”选为“另存为 PDF”，纸张 A4 纵向。',
    caseReportTitle: '地块准入审查报告', caseDate: '日期', reviewer: '审查人', scale: '比例尺', north: '指北针',
    insetImage: '县域位置示意图', mapCaption: '红框为本案地块（{label}）；右上小图为其在平阳县域中的位置。',
    rulesTitle: '逐条检查结果', shapeSource: '图形来源',
    prov: { real: '实测图形', illustrative: '示意图形（非实测，仅供参考）', mixed: '部分为实测图形，部分为示意图形', submitted: '审查人提交的图形' },
    printedAt: '打印时间', reportBasis: '以上为保存时按规则版本 {version} 的检查结论。', mapFailed: '位置图无法绘制：',
    byLocation: '按位置', inView: '当前视图', pickOnMap: '在地图上点选', pickHint: '请在地图上单击一点，查找图形覆盖该点的案例。',
    locationView: '范围：当前地图视图', locationPoint: '位置：东经 {lon}，北纬 {lat}', clearLocation: '清除位置',
    exportCsv: '导出 CSV', exportXlsx: '导出 Excel',
  },
  en: {
    tool: 'Eligibility',
    toolTitle: 'Parcel eligibility: draw, select or upload a parcel and check it clause by clause',
    panelTitle: 'Parcel eligibility check', close: 'Close', modeDraw: 'Draw a polygon',
    modeSelect: 'Select a parcel on the map', modeFile: 'Upload GeoJSON',
    drawHint: 'Click the map to add vertices; double-click or Enter to finish, Escape to cancel.',
    drawAddCenter: 'Add map centre', drawFinish: 'Finish', drawCancel: 'Cancel', drawPoints: '{n} vertices',
    selectHint: 'Click a land-supply parcel or a redevelopment area on the map, or type its id.',
    parcelId: 'Parcel id', pick: 'Choose', fileHint: 'Drop or choose a GeoJSON file (Polygon / MultiPolygon).',
    crs: 'CRS', file: 'GeoJSON file', dropHere: 'Drop a GeoJSON file here', target: 'Checked shape',
    targetNone: 'No parcel chosen yet', targetDrawn: 'drawn polygon (about {mu} mu)', targetFile: 'file: {name}',
    targetParcel: 'parcel {id}', proposal: 'Proposal', proposalType: 'Proposal type', facts: 'Proposal facts',
    unknown: 'not given', yes: 'yes', no: 'no', check: 'Check', checking: 'Checking…', report: 'Printable report',
    printNow: 'Print', closeReport: 'Close report',
    verdict: { eligible: 'Eligible', not_eligible: 'Not eligible', needs_information: 'Needs information' },
    result: { pass: 'pass', fail: 'fail', needs_information: 'needs information', not_applicable: 'not applicable' },
    rule: 'Rule', value: 'Value', threshold: 'Threshold', clause: 'Clause', reason: 'Reason',
    missing: 'Facts still needed', rulesVersion: 'Rules version', checkedAt: 'Checked at',
    factsTitle: 'Facts of the parcel', area: 'Area', siteArea: 'Whole site area', zones: 'Zones', towns: 'Towns',
    overlapParks: 'Overlapping parks', overlapRedev: 'Overlapping redevelopment areas', constraints: 'Constraints',
    none: 'none', insideCounty: 'Inside the county', inside: { fully: 'fully', partly: 'partly', outside: 'outside' },
    reportTitle: 'Parcel eligibility report', mapImage: 'Location map', errorFile: 'The GeoJSON cannot be read: ',
    errorNoPolygon: 'no Polygon / MultiPolygon in the file', errorCheck: 'The check failed: ',
    cases: 'Cases', casesTitle: 'Eligibility cases', saveCase: 'Save as a case', saving: 'Saving…', saved: 'Saved as case {number}',
    saveFailed: 'Saving failed: ', caseNote: 'Note', notePlaceholder: 'e.g. the site visit, the review (at most 2000 characters)',
    noteTooLong: 'A note has at most {n} characters', caseNumber: 'Case number', caseVerdict: 'Verdict', anyVerdict: 'any',
    caseSince: 'From', caseUntil: 'Until', search: 'Search', noCases: 'No case matches', caseDrawn: 'drawn shape',
    casesFailed: 'The cases cannot be read: ', casesLogin: 'Your login has ended: log in again', casesForbidden: 'Your role may not save cases',
    savedBy: 'Saved by', savedAt: 'Saved at', asSaved: 'The answer as saved (rules version {version})',
    today: "Today's answer (rules version {version})", todayError: "Today's rules cannot check this request: ", backToCheck: 'Back to the cases',
    caseReport: 'Case report', exportPdf: 'Export PDF / Print',
    pdfHint: "The PDF is made by the browser's own print: choose \"Save as PDF\" as the printer; A4 portrait.",
    caseReportTitle: 'Parcel eligibility case', caseDate: 'Date', reviewer: 'Reviewer', scale: 'Scale', north: 'North arrow',
    insetImage: 'Location in the county', mapCaption: 'Outlined in red: the case\'s shape ({label}); top right: where it lies in Pingyang County.',
    rulesTitle: 'Rule by rule', shapeSource: 'Shapes',
    prov: { real: 'surveyed shapes', illustrative: 'illustrative shapes (not surveyed; for reference only)', mixed: 'partly surveyed, partly illustrative shapes', submitted: 'the shape the reviewer submitted' },
    printedAt: 'Printed', reportBasis: 'The verdict as saved under rules version {version}.', mapFailed: 'The location map cannot be drawn: ',
    byLocation: 'By location', inView: 'Map view', pickOnMap: 'Click on the map', pickHint: 'Click a point on the map to find the cases whose shape covers it.',
    locationView: 'Area: the current map view', locationPoint: 'Point: {lon} E, {lat} N', clearLocation: 'Clear location',
    exportCsv: 'Export CSV', exportXlsx: 'Export Excel',
  },
};

addStrings('eligibility', eligibility);

/** T reads a string of the 'eligibility' namespace: T('drawPoints', { n: 3 }). */
export const T = ns('eligibility');

/** known reads a string named by a value of the API (a verdict, a result), or shows the value itself
 * when this page does not know it yet (a newer server). */
export const known = (key, fallback) => (has(`eligibility.${key}`) ? T(key) : fallback);
