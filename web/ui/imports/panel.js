// The 图层导入 panel (issue 10), beside the map on the left like the eligibility panel, for a user who
// may import a layer (account.can('layers.import'): land, data_admin): choose the layer (those the user's
// roles may import), pick or drop a file, set the optional reading options, 预览; the preview is drawn
// (view.js) and its staged features on the map (onPreview); 重新预览 after editing the mapping; 发布,
// enabled only when nothing blocks, posts the same file and options with the preview's sha256, then
// says 已发布为第 N 版 (onPublished refreshes the map). The version list offers 回滚到此版本.
import { h, fill } from '../dom.js';
import { lang, has } from '../i18n.js';
import { T } from './strings.js';
import * as client from './client.js';
import { canPublish, counts, datasetsOf, formFields, humanBytes, startMapping } from './model.js';
import { summary, mappingEditor, findings, repairs, diff, areaCheck, versionList } from './view.js';

const ENCODINGS = ['UTF-8', 'GBK', 'GB18030'];
const AREA_UNITS = ['公顷', '亩', '㎡'];
const KINDS = ['基本农田', '生态保护红线', '城镇开发边界', '洪涝风险区'];

const titleOf = (o) => (lang() === 'en' ? o.title_en || o.title : o.title);

export class ImportPanel {
  /** onPreview(preview|null, target) draws or clears the staged features; onPublished(layer, version) after a publish or a rollback. */
  constructor({ onPreview, onPublished, onUnauthorized, onClose }) {
    Object.assign(this, { onPreview, onPublished, onUnauthorized, onClose });
    this.st = {
      targets: null, maxBytes: 0, layer: '', file: null, opts: {}, chosen: {}, mapping: {}, preview: null, datasets: [],
      busy: null, error: null, message: null, versions: null, versionsError: null,
    };
    this.fileInput = h('input', { type: 'file', id: 'imports-file', class: 'visually-hidden', tabindex: '-1', 'aria-hidden': 'true',
      accept: '.zip,.gpkg,.geojson,.json,.kml,.kmz,.dxf,.txt,.csv,.xlsx', onchange: () => this.setFile(this.fileInput.files?.[0] || null) });
    this.body = h('div', { class: 'imports-body' });
    this.title = h('h2', { id: 'imports-title' });
    this.closeBtn = h('button', { type: 'button', class: 'icon-button', id: 'imports-close', onclick: () => this.onClose() }, '×');
    this.el = h('section', { id: 'imports-panel', class: 'imports-panel', hidden: true, 'aria-labelledby': 'imports-title' },
      h('div', { class: 'imports-head' }, this.title, this.closeBtn), this.fileInput, this.body);
    // Dropping a file anywhere on the panel picks it, as the button does.
    this.el.addEventListener('dragover', (e) => { e.preventDefault(); this.el.classList.add('imports-drag'); });
    this.el.addEventListener('dragleave', () => this.el.classList.remove('imports-drag'));
    this.el.addEventListener('drop', (e) => {
      e.preventDefault();
      this.el.classList.remove('imports-drag');
      const f = e.dataTransfer?.files?.[0];
      if (f) this.setFile(f);
    });
  }

  get target() {
    return this.st.targets?.find((t) => t.layer === this.st.layer) || null;
  }

  /** show opens the panel, reading the layers the first time. */
  async show() {
    this.el.hidden = false;
    this.render();
    if (!this.st.targets) {
      try {
        const body = await client.targets();
        this.st.targets = body.targets.filter((t) => t.may_import);
        this.st.maxBytes = body.max_file_bytes;
        if (!this.st.layer && this.st.targets.length) this.st.layer = this.st.targets.find((t) => t.layer === 'constraints')?.layer || this.st.targets[0].layer;
      } catch (err) {
        this.fail(err);
      }
      this.render();
      this.loadVersions();
    }
  }

  hide() {
    this.el.hidden = true;
  }

  /** reset forgets everything the user had (a logout). */
  reset() {
    this.st.targets = null;
    this.st.layer = '';
    this.setFile(null);
    this.st.versions = null;
  }

  setLayer(layer) {
    this.st.layer = layer;
    this.st.chosen = {};
    this.st.mapping = {};
    this.clearPreview();
    this.st.versions = null;
    this.render();
    this.loadVersions();
  }

  setFile(file) {
    this.st.file = file;
    this.st.opts.dataset = '';
    this.st.datasets = [];
    this.clearPreview();
    this.render();
  }

  clearPreview() {
    this.st.preview = null;
    this.st.error = null;
    this.st.message = null;
    this.onPreview(null, this.target);
  }

  async loadVersions() {
    const layer = this.st.layer;
    if (!layer) return;
    try {
      const v = await client.versions(layer);
      if (layer === this.st.layer) this.st.versions = v.versions;
      this.st.versionsError = null;
    } catch (err) {
      this.st.versionsError = this.messageOf(err);
    }
    this.render();
  }

  messageOf(err) {
    const b = err.body || {};
    const fieldMsg = b.errors?.[0] ? (lang() === 'en' ? b.errors[0].description : b.errors[0].description_zh || b.errors[0].description) : '';
    const msg = fieldMsg || b.description || err.message;
    switch (err.status) {
      case 0: return T('err.network');
      case 401: this.onUnauthorized(); return T('err.sessionEnded');
      case 403: return T('err.forbidden');
      case 413: return lang() === 'en' || !fieldMsg ? T('err.tooLarge', { max: humanBytes(this.st.maxBytes) }) : fieldMsg;
      case 503: return T('err.unavailable', { msg: b.description || '' });
    }
    return err.status >= 400 && err.status < 500 ? msg : T('err.other', { status: err.status, msg });
  }

  fail(err) {
    this.st.error = this.messageOf(err);
  }

  /** run previews or publishes the chosen file with the panel's options and mapping. */
  async run(publish) {
    const { st } = this;
    if (!st.file || st.busy) return;
    st.busy = publish ? 'publish' : 'preview';
    st.error = null;
    st.message = null;
    this.render();
    const fields = formFields(st.opts, st.mapping, publish ? st.preview?.sha256 : '');
    try {
      const p = await client.send(st.layer, publish, st.file, fields);
      this.took(p);
      if (publish && p.published_version) {
        st.message = T('published', { n: p.published_version });
        await this.onPublished(st.layer, p.published_version);
        this.loadVersions();
      }
    } catch (err) {
      if (err.body?.preview?.count > 0) this.took(err.body.preview);
      else if (!publish) this.clearPreview();
      // Several datasets in the upload: the chooser offers them, and the choice previews again.
      if (err.body?.field === 'dataset') st.datasets = datasetsOf(err.body);
      this.fail(err);
      const n = counts(this.st.preview?.findings || []).e;
      if (err.body?.preview && n && err.body.field === 'file') st.error = T('err.blocked', { n });
    }
    st.busy = null;
    this.render();
  }

  took(p) {
    this.st.preview = p;
    this.st.mapping = startMapping(this.target, p, this.st.chosen);
    this.onPreview(p, this.target);
  }

  async rollback(version) {
    const t = this.target;
    if (!t || this.st.busy || !window.confirm(T('rollbackConfirm', { layer: titleOf(t), n: version }))) return;
    this.st.busy = 'rollback';
    this.st.error = null;
    this.st.message = T('rollingBack');
    this.render();
    try {
      const r = await client.rollback(t.layer, version);
      this.st.message = T('rolledBack', { n: r.version });
      await this.onPublished(t.layer, r.version);
    } catch (err) {
      this.st.message = null;
      this.fail(err);
    }
    this.st.busy = null;
    this.st.versions = null;
    this.render();
    this.loadVersions();
  }

  render() {
    const { st } = this;
    this.title.textContent = T('title');
    this.closeBtn.setAttribute('aria-label', T('close'));
    if (!st.targets) return fill(this.body, st.error ? h('p', { class: 'acct-error', role: 'alert' }, st.error) : h('p', { class: 'muted' }, '…'));
    if (!st.targets.length) return fill(this.body, h('p', { class: 'muted', id: 'imports-none' }, T('noTargets')));
    const t = this.target;
    const busy = Boolean(st.busy);
    const layerSel = h('select', { id: 'imports-layer', disabled: busy, onchange: (e) => this.setLayer(e.currentTarget.value) },
      st.targets.map((x) => h('option', { value: x.layer, selected: x.layer === st.layer }, titleOf(x))));
    const opt = (key, value) => { st.opts[key] = value; this.render(); };
    const select = (id, key, choices, auto) => h('select', { id, disabled: busy, onchange: (e) => opt(key, e.currentTarget.value) },
      h('option', { value: '' }, auto), choices.map((c) => h('option', { value: c, selected: st.opts[key] === c }, c)));
    const field = (id, label, control) => h('div', { class: 'acct-field' }, h('label', { for: id }, label), control);
    const fileRow = h('div', { class: 'imports-file-row' },
      h('button', { type: 'button', class: 'text-button', id: 'imports-pick', disabled: busy, onclick: () => this.fileInput.click() }, T('pick')),
      h('span', { id: 'imports-file-name', class: st.file ? 'imports-file' : 'muted' }, st.file ? st.file.name : T('noFile')),
      h('span', { class: 'muted' }, T('drop')));
    const datasets = st.datasets.length > 1 ? h('div', { class: 'acct-field', id: 'imports-datasets' },
      h('label', { for: 'imports-dataset-choose' }, T('dataset')),
      h('select', { id: 'imports-dataset-choose', disabled: busy, onchange: (e) => { st.opts.dataset = e.currentTarget.value; if (st.opts.dataset) this.run(false); } },
        h('option', { value: '' }, T('datasetHint')), st.datasets.map((d) => h('option', { value: d, selected: d === st.opts.dataset }, d)))) : null;
    const options = h('details', { class: 'imports-options', open: Boolean(st.optionsOpen), ontoggle: (e) => { st.optionsOpen = e.currentTarget.open; } },
      h('summary', null, T('options')),
      field('imports-crs', T('crs'), h('input', { id: 'imports-crs', type: 'text', value: st.opts.crs || '', placeholder: 'EPSG:4528', title: T('crsHint'),
        autocomplete: 'off', spellcheck: 'false', disabled: busy, oninput: (e) => { st.opts.crs = e.currentTarget.value.trim(); } })),
      field('imports-encoding', T('encoding'), select('imports-encoding', 'encoding', ENCODINGS, T('encAuto'))),
      t?.layer === 'constraints' ? field('imports-kind', T('kind'), select('imports-kind', 'kind', KINDS, T('kindField'))) : null,
      t?.fields?.some((f) => f.type === 'area') ? field('imports-area-unit', T('areaUnit'), select('imports-area-unit', 'areaUnit', AREA_UNITS, T('unitAuto'))) : null,
      h('div', { class: 'imports-check' }, h('input', { type: 'checkbox', id: 'imports-repair', checked: Boolean(st.opts.repair), disabled: busy,
        onchange: (e) => { st.opts.repair = e.currentTarget.checked; } }), h('label', { for: 'imports-repair' }, T('repair'))),
      field('imports-note', T('note'), h('input', { id: 'imports-note', type: 'text', maxlength: '500', value: st.opts.note || '', placeholder: T('noteHint'),
        disabled: busy, oninput: (e) => { st.opts.note = e.currentTarget.value; } })));
    const p = st.preview;
    const fields = p?.source?.fields || [];
    const editor = mappingEditor(t, fields, st.mapping, { onChange: (name, v) => { st.chosen[name] = v; st.mapping[name] = v; } });
    for (const c of editor.querySelectorAll('select, input')) c.disabled = busy;
    const previewBtn = h('button', { type: 'button', class: 'text-button', id: 'imports-preview', disabled: busy || !st.file, onclick: () => this.run(false) },
      p ? T('repreview') : T('preview'));
    const ok = canPublish(p);
    const publishBtn = h('button', { type: 'button', class: 'text-button primary', id: 'imports-publish', disabled: busy || !ok, 'aria-describedby': 'imports-publish-hint',
      onclick: () => this.run(true) }, st.busy === 'publish' ? T('publishing') : T('publish'));
    const statusText = st.busy === 'preview' ? T('previewing') : st.busy === 'publish' ? T('publishing') : st.message || '';
    const stagedNote = p ? (p.staged?.features?.length ? T('staged') + (p.staged_truncated ? T('stagedTruncated', { n: p.staged.features.length }) : '') : T('stagedExtent')) : '';
    fill(this.body,
      field('imports-layer', T('layer'), layerSel),
      t?.replaces ? h('p', { class: 'acct-hint', id: 'imports-replaces' },
        T('replaces', { what: has(`imports.replacesOf.${t.layer}`) ? T(`replacesOf.${t.layer}`) : t.replaces })) : null,
      h('h3', null, T('file')), fileRow, datasets, h('p', { class: 'acct-hint' }, T('formats', { max: humanBytes(st.maxBytes) })),
      options, editor,
      h('div', { class: 'imports-buttons' }, previewBtn, publishBtn,
        h('span', { class: 'acct-hint', id: 'imports-publish-hint' }, p && !ok && !p.published_version ? T('publishHint') : '')),
      h('p', { id: 'imports-status', class: 'imports-status', role: 'status', dataset: { published: p?.published_version || '' } }, statusText),
      st.error ? h('p', { class: 'acct-error', id: 'imports-alert', role: 'alert' }, st.error) : null,
      p && p.count > 0 ? h('section', { id: 'imports-result', class: 'imports-result', 'aria-live': 'polite' },
        summary(p, { onDataset: (d) => { st.opts.dataset = d; this.run(false); } }),
        h('p', { class: 'muted', id: 'imports-staged-note' }, stagedNote),
        findings(p), repairs(p), diff(p), areaCheck(p)) : null,
      h('h3', null, T('versions')),
      st.versionsError ? h('p', { class: 'acct-error' }, st.versionsError)
        : versionList(st.versions, { canRollback: true, busy, onRollback: (v) => this.rollback(v) }),
      h('p', { class: 'muted', id: 'imports-export' }, T('exportNone')));
  }
}
