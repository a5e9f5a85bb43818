// The page's words in Chinese (the default) and English. Only the interface is translated: the plan's
// data (names, statuses, industries) stays as the plan gives it, with an English gloss where it helps.

const zh = {
  title: '平阳县小微企业园规划地图',
  subtitle: '《平阳县小微企业园高质量发展五年规划（2018—2022年）》',
  langSwitch: 'English',
  langSwitchLabel: 'Switch to English',
  loading: '正在加载…',
  loadFailed: '数据加载失败：',
  search: '搜索园区名称',
  searchPlaceholder: '输入园区名称的任意部分',
  filters: '筛选',
  zone: '空间分区',
  status: '建设状态',
  industry: '主导产业',
  dev: '开发模式',
  town: '乡镇',
  all: '全部',
  clearFilters: '清除筛选',
  list: '园区列表',
  listCaption: '符合条件的园区；点击名称定位并打开园区档案',
  noParks: '没有符合条件的园区。',
  col_seq: '序号', col_name: '园区', col_town: '乡镇', col_status: '状态', col_mu: '亩', col_wan: '万㎡', col_firms: '企业',
  sortAsc: '升序', sortDesc: '降序', sortBy: '按此列排序',
  statsLabel: '当前显示',
  statParks: '园区', statParksUnit: '个', statCounted: '规划计 {n} 个',
  statMu: '规划面积', statMuUnit: '亩',
  statWan: '建筑面积', statWanUnit: '万㎡',
  statFirms: '企业', statFirmsUnit: '家', statFirmsSplit: '入驻 {a}，计划 {b}',
  layers: '图层',
  layersTitle: '图层与图例',
  group_parks: '小微企业园', group_zones: '三大空间分区', group_parcels: '供地地块（计划供地年份）',
  group_redevelopment: '低效用地再开发区块', group_towns: '乡镇驻地', group_county: '县界', group_labels: '标注',
  colorBy: '园区着色', byStatus: '按建设状态', byZone: '按空间分区',
  oldFactory: '旧厂房', otherRedev: '其他低效用地',
  basemap: '底图', basemapLocal: '本地底图（县界、分区）', basemapTianditu: '天地图',
  tdtFailed: '天地图瓦片加载失败，已继续使用本地底图。',
  tdtNotice: '天地图审图号由部署方配置，请核对。',
  illustrative: '园区、地块、分区与再开发区块均为示意图形：规划未公布坐标，位置与轮廓为示意，面积按规划亩数绘制。',
  measure: '测量',
  measureTitle: '测量距离与面积（椭球面）',
  measureHint: '在地图上单击添加点；双击或按 Enter 结束；退格撤销；Esc 退出。',
  measureAddCenter: '在地图中心加点',
  measureUndo: '撤销',
  measureFinish: '完成',
  measureClear: '清除',
  measureClose: '关闭测量',
  measureDistance: '距离',
  measureArea: '面积',
  measureNone: '尚未添加点',
  close: '关闭',
  card: '园区档案（一园一档）',
  provenance: '图形来源',
  aliases: '别名',
  zoneBasis_named: '规划点名', zoneBasis_inferred: '按所在乡镇推定',
  statusAsOf: '（2018年10月状态）',
  planArea: '规划面积', drawnArea: '示意图形面积', unitMu: '亩', unitWan: '万㎡',
  enterpriseLand: '企业用地',
  buildingArea: '建筑面积',
  alternative: '另一处：{v}（{src}）',
  industries: '主导产业',
  firms: '企业数',
  firmsBasis_入驻: '已入驻', firmsBasis_计划: '计划入驻',
  devMode: '开发模式',
  parkType: '园区类型',
  construction: '建设情况',
  countsAsParks: '计为园区个数',
  phases: '分期',
  phase: '期别', phaseArea: '用地（亩）', phaseBuilding: '建筑面积（万㎡）', phaseNote: '说明', clause: '出处',
  approx: '约',
  yearly: '年度计划',
  yearlySource: '出处：{src}',
  measure_supply: '供地（亩）', measure_start: '开工（亩）', measure_completion: '竣工（万㎡）', measure_output: '产值（亿元）',
  notPrinted: '规划未列',
  dash: '规划表中为“—”',
  inconsistencies: '规划自身不一致之处',
  noInconsistencies: '规划中未见关于本园的不一致。',
  sources: '规划出处',
  shapeIllustrative: '示意图形',
  shapeReal: '实际图形',
  skipToMap: '跳到地图',
  mapLabel: '平阳县小微企业园地图',
};

const en = {
  title: 'Pingyang small and micro enterprise parks: plan map',
  subtitle: 'Five-year plan for the high-quality development of small and micro enterprise parks (2018–2022)',
  langSwitch: '中文',
  langSwitchLabel: '切换到中文',
  loading: 'Loading…',
  loadFailed: 'Could not load the data: ',
  search: 'Search park names',
  searchPlaceholder: 'Any part of a park name (Chinese)',
  filters: 'Filters',
  zone: 'Zone',
  status: 'Status',
  industry: 'Leading industry',
  dev: 'Development mode',
  town: 'Town',
  all: 'All',
  clearFilters: 'Clear filters',
  list: 'Parks',
  listCaption: 'Parks that match; a name flies to the park and opens its card',
  noParks: 'No park matches.',
  col_seq: 'No.', col_name: 'Park', col_town: 'Town', col_status: 'Status', col_mu: 'mu', col_wan: '10k m²', col_firms: 'Firms',
  sortAsc: 'ascending', sortDesc: 'descending', sortBy: 'sort by this column',
  statsLabel: 'Shown',
  statParks: 'Parks', statParksUnit: '', statCounted: 'the plan counts {n}',
  statMu: 'Planned area', statMuUnit: 'mu',
  statWan: 'Floor area', statWanUnit: '10k m²',
  statFirms: 'Firms', statFirmsUnit: '', statFirmsSplit: '{a} in parks, {b} planned',
  layers: 'Layers',
  layersTitle: 'Layers and legend',
  group_parks: 'Small and micro enterprise parks', group_zones: 'The three spatial zones',
  group_parcels: 'Land-supply parcels (planned year)', group_redevelopment: 'Low-efficiency land redevelopment',
  group_towns: 'Town seats', group_county: 'County outline', group_labels: 'Labels',
  colorBy: 'Colour parks by', byStatus: 'status', byZone: 'zone',
  oldFactory: 'Old factories (旧厂房)', otherRedev: 'Other low-efficiency land',
  basemap: 'Basemap', basemapLocal: 'Local (county, zones)', basemapTianditu: 'Tianditu (天地图)',
  tdtFailed: 'Tianditu tiles failed to load; the local basemap is shown.',
  tdtNotice: 'The Tianditu map review number is set by the deployer; check it.',
  illustrative: 'Parks, parcels, zones and redevelopment areas are illustrative shapes: the plan publishes no coordinates; places and outlines are schematic, areas drawn to the plan’s mu.',
  measure: 'Measure',
  measureTitle: 'Measure distance and area (on the ellipsoid)',
  measureHint: 'Click the map to add points; double-click or Enter finishes; Backspace undoes; Esc leaves.',
  measureAddCenter: 'Add the map centre',
  measureUndo: 'Undo',
  measureFinish: 'Finish',
  measureClear: 'Clear',
  measureClose: 'Stop measuring',
  measureDistance: 'Distance',
  measureArea: 'Area',
  measureNone: 'No point yet',
  close: 'Close',
  card: 'Park card',
  provenance: 'Shape',
  aliases: 'Also called',
  zoneBasis_named: 'named in the plan', zoneBasis_inferred: 'inferred from its town',
  statusAsOf: ' (as of 2018-10)',
  planArea: 'Planned area', drawnArea: 'Illustrative shape', unitMu: 'mu', unitWan: '10k m²',
  enterpriseLand: 'Enterprise land',
  buildingArea: 'Floor area',
  alternative: 'elsewhere: {v} ({src})',
  industries: 'Leading industries',
  firms: 'Firms',
  firmsBasis_入驻: 'in the park', firmsBasis_计划: 'planned',
  devMode: 'Development mode',
  parkType: 'Park type',
  construction: 'Construction',
  countsAsParks: 'Counted as parks',
  phases: 'Phases',
  phase: 'Phase', phaseArea: 'Land (mu)', phaseBuilding: 'Floor (10k m²)', phaseNote: 'Note', clause: 'Source',
  approx: 'about ',
  yearly: 'Yearly plan',
  yearlySource: 'Source: {src}',
  measure_supply: 'Land supply (mu)', measure_start: 'Started (mu)', measure_completion: 'Completed (10k m²)',
  measure_output: 'Output (100m yuan)',
  notPrinted: 'not in the plan',
  dash: 'printed as “—”',
  inconsistencies: 'The plan disagrees with itself',
  noInconsistencies: 'No inconsistency found in the plan about this park.',
  sources: 'Clauses',
  shapeIllustrative: 'illustrative',
  shapeReal: 'real',
  skipToMap: 'Skip to the map',
  mapLabel: 'Map of Pingyang’s small and micro enterprise parks',
};

/** GLOSS gives English glosses of the plan's own words, shown beside them in English mode. */
const GLOSS = {
  已竣工: 'completed', 在建: 'under construction', 新建: 'new', 拟建: 'proposed',
  工业地产: 'industrial real estate', 龙头企业开发: 'leading-firm development', 政府主导企业自建: 'government-led, firms build',
  国资公司代建: 'built by a state-owned company', 待定: 'to be decided',
};

const tables = { zh, en };
let current = 'zh';

/** setLang switches the interface language ("zh" or "en"). */
export function setLang(lang) {
  current = lang === 'en' ? 'en' : 'zh';
  document.documentElement.lang = current === 'en' ? 'en' : 'zh-CN';
}

/** lang returns the interface language. */
export function lang() {
  return current;
}

/** t returns the string for key, with {name} placeholders filled from args. */
export function t(key, args) {
  let s = tables[current][key] ?? zh[key] ?? key;
  if (args) for (const [k, v] of Object.entries(args)) s = s.replaceAll(`{${k}}`, String(v));
  return s;
}

/** maplibreLocale returns MapLibre's own control titles in the interface language (set when the map is made). */
export function maplibreLocale() {
  if (current === 'en') return {};
  return {
    'AttributionControl.ToggleAttribution': '数据来源',
    'FullscreenControl.Enter': '全屏',
    'FullscreenControl.Exit': '退出全屏',
    'NavigationControl.ResetBearing': '拖动以旋转地图，单击恢复正北',
    'NavigationControl.ZoomIn': '放大',
    'NavigationControl.ZoomOut': '缩小',
  };
}

/** gloss returns the plan's word, with its English gloss in English mode. */
export function gloss(word) {
  if (current === 'en' && GLOSS[word]) return `${word} (${GLOSS[word]})`;
  return word ?? '';
}
