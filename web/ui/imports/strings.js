// The layer imports' words (issue 10) in Chinese (first) and English: the 'imports' namespace of the
// page's one translation mechanism (../i18n.js), added when this module loads. Read them through T('key').
// The layers' and their fields' own titles come from the service (GET /api/imports/targets), both languages.
import { addStrings, ns } from '../i18n.js';

export const imports = {
  zh: {
    tool: '图层导入', toolLabel: '打开或关闭图层导入', title: '图层导入', close: '关闭',
    layer: '导入图层', replaces: '发布后：{what}',
    replacesOf: {
      parks: '文件中匹配到的园区使用文件的边界（几何来源为真实），规划属性不变；文件中没有的园区保留示意边界',
      parcels: '整个供地地块图层被文件中的地块替换', redevelopment: '整个低效用地再开发图层被文件中的区块替换',
      constraints: '整个管控图层（各类型）被文件中的要素替换',
    }, file: '文件', pick: '选择文件', drop: '或将文件拖放到此处',
    noFile: '未选择文件', formats: '支持 zip（Shapefile、File Geodatabase 须压缩为 zip）、.gpkg、.geojson、.json、.kml、.kmz、.dxf、部标 .txt、.csv、.xlsx；上限 {max}',
    options: '读取选项（可选）', crs: '坐标系', crsHint: '如 EPSG:4528；留空则读取文件自带或按坐标范围判断',
    encoding: '编码', encAuto: '自动判断', kind: '类型', kindField: '按字段（见字段对应）', repair: '修复无效几何（ST_MakeValid）',
    areaUnit: '面积单位', unitAuto: '自动判断', note: '说明', noteHint: '本版本的来源或用途，记入版本历史',
    preview: '预览', repreview: '重新预览', previewing: '正在读取与检查文件…', publish: '发布', publishing: '正在发布…',
    publishHint: '预览无错误时才可发布', published: '已发布为第 {n} 版', mustPreview: '请先选择文件并预览',
    summary: '要素 {count} 个，共 {mu} 亩', extent: '范围', crsUsed: '坐标系：{crs}', crsRead: '文件声明：{crs}', crsNone: '文件未声明坐标系',
    encUsed: '编码：{enc}', encDefault: 'GDAL 默认（.cpg 或 UTF-8）', dataset: '数据集', datasetHint: '上传的文件包含多个数据集，请选择一个',
    kinds: '各类型', kindRow: '{kind}：{count} 个，{mu} 亩', warnings: '读取提示',
    mapping: '字段对应', mappingHint: '每个图层字段选择文件中的字段；修改后请重新预览', notMapped: '— 不对应 —', required: '必填',
    mappingFree: '文件字段名', suggested: '建议：{reason}',
    findings: '检查结果', noFindings: '未发现问题。', blocking: '错误', warning: '提示', findingsCount: '错误 {e} 项，提示 {w} 项',
    fid: '第 {fid} 个要素', idOf: '编号 {id}',
    code: {
      invalid: '几何无效（{detail}）', empty: '空几何', duplicate_id: '编号重复（{detail} 个）', no_id: '缺少编号',
      outside_county: '超出县域（{detail}）', unknown_kind: '未知类型（{detail}）', other: '{code}（{detail}）',
    },
    outside: { entirely: '全部', partly: '部分' }, muOf: '{mu} 亩',
    repairs: '已修复的几何', repairRow: '{reason}：{before} 亩 → {after} 亩（{delta}）',
    diff: '与当前版本比较', diffAgainst: '当前为第 {n} 版', diffBundled: '当前为内置示意数据',
    diffCounts: '新增 {a}，删除 {r}，变更 {c}', change: { added: '新增', removed: '删除', changed: '变更' },
    col: { change: '变化', id: '编号', kind: '类型', mu: '面积（亩）', version: '版本', file: '文件', features: '要素', by: '导入人', at: '时间', note: '说明' },
    more: '另有 {n} 项未列出',
    area: '面积核对', areaRow: '字段“{field}”按{unit}计：合计 {file} 亩，图形面积 {drawn} 亩（{n} 个要素）', areaDisagree: '{n} 个要素的面积字段与图形相差较大',
    staged: '地图上以紫色虚线显示待导入的要素', stagedTruncated: '（仅显示前 {n} 个）', stagedExtent: '地图上以紫色虚线框显示文件范围',
    versions: '版本历史', noVersions: '尚未导入过版本（当前为内置示意数据）。', current: '当前', rollback: '回滚到此版本',
    rollbackConfirm: '确定将“{layer}”回滚到第 {n} 版？当前版本的数据将被替换（可再次回滚）。', rolledBack: '已回滚到第 {n} 版',
    rollingBack: '正在回滚…', loadingVersions: '正在读取版本…', noTargets: '您没有可导入的图层。',
    exportNone: '导出：服务暂未提供图层下载接口。',
    err: {
      sessionEnded: '登录已失效，请重新登录', forbidden: '您没有导入该图层的权限', network: '无法连接服务器，请检查网络后重试',
      unavailable: '服务暂不可用（{msg}）', tooLarge: '文件过大（上限 {max}）', other: '操作失败（HTTP {status}）：{msg}', blocked: '有 {n} 项错误，不能发布；请修改文件或字段对应后重新预览',
    },
  },
  en: {
    tool: 'Import', toolLabel: 'Open or close the layer import', title: 'Layer import', close: 'Close',
    layer: 'Layer', replaces: 'Once published: {what}',
    replacesOf: {
      parks: 'matched parks get the file\'s boundary (provenance real); the plan\'s attributes stay; parks the file lacks keep their illustrative shape',
      parcels: 'the whole parcels layer is replaced by the file\'s parcels', redevelopment: 'the whole redevelopment layer is replaced by the file\'s areas',
      constraints: 'the whole constraints layer (every kind) is replaced by the file\'s features',
    }, file: 'File', pick: 'Choose a file', drop: 'or drop a file here',
    noFile: 'No file chosen', formats: 'zip (a Shapefile or File Geodatabase must be zipped), .gpkg, .geojson, .json, .kml, .kmz, .dxf, 部标 .txt, .csv, .xlsx; at most {max}',
    options: 'Reading options (optional)', crs: 'CRS', crsHint: 'e.g. EPSG:4528; empty: the file\'s own, or told from the coordinates',
    encoding: 'Encoding', encAuto: 'detect', kind: 'Kind', kindField: 'from a field (see the mapping)', repair: 'Repair invalid geometries (ST_MakeValid)',
    areaUnit: 'Area unit', unitAuto: 'detect', note: 'Note', noteHint: 'where this version comes from, kept in its history',
    preview: 'Preview', repreview: 'Preview again', previewing: 'Reading and checking the file…', publish: 'Publish', publishing: 'Publishing…',
    publishHint: 'Publish needs a preview without errors', published: 'Published as version {n}', mustPreview: 'Choose a file and preview it first',
    summary: '{count} features, {mu} mu in all', extent: 'Extent', crsUsed: 'CRS: {crs}', crsRead: 'the file declares {crs}', crsNone: 'the file declares no CRS',
    encUsed: 'Encoding: {enc}', encDefault: 'GDAL\'s default (.cpg or UTF-8)', dataset: 'Dataset', datasetHint: 'The upload holds several datasets: choose one',
    kinds: 'Kinds', kindRow: '{kind}: {count}, {mu} mu', warnings: 'Reading notes',
    mapping: 'Field mapping', mappingHint: 'For each layer field choose the file\'s field; preview again after a change', notMapped: '— not mapped —', required: 'required',
    mappingFree: 'file field name', suggested: 'suggested: {reason}',
    findings: 'Checks', noFindings: 'No problem found.', blocking: 'Error', warning: 'Warning', findingsCount: '{e} errors, {w} warnings',
    fid: 'feature {fid}', idOf: 'id {id}',
    code: {
      invalid: 'invalid geometry ({detail})', empty: 'empty geometry', duplicate_id: 'duplicate id ({detail} features)', no_id: 'no id',
      outside_county: 'outside the county ({detail})', unknown_kind: 'unknown kind ({detail})', other: '{code} ({detail})',
    },
    outside: { entirely: 'entirely', partly: 'partly' }, muOf: '{mu} mu',
    repairs: 'Repaired geometries', repairRow: '{reason}: {before} mu → {after} mu ({delta})',
    diff: 'Against the current version', diffAgainst: 'version {n} is current', diffBundled: 'the bundled illustrative data is current',
    diffCounts: '{a} added, {r} removed, {c} changed', change: { added: 'added', removed: 'removed', changed: 'changed' },
    col: { change: 'Change', id: 'Id', kind: 'Kind', mu: 'Area (mu)', version: 'Version', file: 'File', features: 'Features', by: 'By', at: 'When', note: 'Note' },
    more: '{n} more not listed',
    area: 'Area check', areaRow: 'Field "{field}" read in {unit}: {file} mu in all, drawn {drawn} mu ({n} features)', areaDisagree: '{n} features\' area field differs much from the drawn area',
    staged: 'The features to import are drawn on the map in dashed purple', stagedTruncated: ' (the first {n} only)', stagedExtent: 'The file\'s extent is drawn on the map as a dashed purple box',
    versions: 'Versions', noVersions: 'No version imported yet (the bundled illustrative data is current).', current: 'current', rollback: 'Roll back to this version',
    rollbackConfirm: 'Roll "{layer}" back to version {n}? The current version\'s data will be replaced (you can roll back again).', rolledBack: 'Rolled back to version {n}',
    rollingBack: 'Rolling back…', loadingVersions: 'Reading the versions…', noTargets: 'You may not import any layer.',
    exportNone: 'Export: the service offers no layer download yet.',
    err: {
      sessionEnded: 'Your login has ended: log in again', forbidden: 'You may not import this layer', network: 'Cannot reach the server: check the network and try again',
      unavailable: 'The service is unavailable ({msg})', tooLarge: 'The file is too large (at most {max})', other: 'The request failed (HTTP {status}): {msg}', blocked: '{n} errors: nothing can be published; correct the file or the mapping and preview again',
    },
  },
};

addStrings('imports', imports);

/** T reads a string of the 'imports' namespace. */
export const T = ns('imports');
