// The layer list: an on/off switch and a legend for every layer group, the parks' colour mode, and the
// basemap choice when Tianditu is configured. A MapLibre control; plain elements and text nodes only.
import { h, swatch, fill } from './dom.js';
import { t, gloss } from './i18n.js';
import { LAYER_GROUPS } from './urlstate.js';
import { STATUS_COLORS, YEAR_COLORS, REDEV_COLORS, BASE_COLORS, GRADE_COLORS, NO_GRADE_COLOR } from './style.js';

const legendList = (items) => h('ul', { class: 'legend' },
  items.map(([color, text, kind]) => h('li', null, swatch(color, kind), text)));

/** LayersControl is the map control holding the layer list; call render() after a state change. */
export class LayersControl {
  /**
   * opts: state, zones ([{id, name, color}]), tianditu (config or null), onToggle(group, on),
   * onColor(mode), onBasemap(name), basemap() (the basemap in use), evaluations() (GET /api/evaluations,
   * or null when it could not be read), for the grade legend's honest count.
   */
  constructor(opts) {
    this.opts = opts;
    this.open = LayersControl.openByDefault();
  }

  /** openByDefault says whether the list starts open: on screens wide enough to keep the map in view. */
  static openByDefault() {
    return window.innerWidth >= 1600;
  }

  onAdd() {
    this.el = h('div', { class: 'maplibregl-ctrl maplibregl-ctrl-group layers-ctrl' });
    this.render();
    return this.el;
  }

  onRemove() {
    this.el.remove();
  }

  legend(group) {
    const { state, zones } = this.opts;
    switch (group) {
      case 'parks': {
        let items = Object.entries(STATUS_COLORS).map(([s, c]) => [c, gloss(s)]);
        if (state.color === 'zone') items = zones.map((z) => [z.color, z.name]);
        if (state.color === 'grade') {
          items = [...Object.entries(GRADE_COLORS).map(([g, c]) => [c, t('layers.grade', { g })]), [NO_GRADE_COLOR, t('layers.noGrade')]];
        }
        const radio = (mode, text) => h('label', { class: 'radio' },
          h('input', {
            type: 'radio', name: 'park-color', value: mode, checked: state.color === mode,
            onchange: () => this.opts.onColor(mode),
          }), text);
        return [
          h('div', { class: 'color-mode', role: 'radiogroup', 'aria-label': t('layers.colorBy') },
            h('span', { class: 'muted' }, `${t('layers.colorBy')}：`), radio('status', t('layers.byStatus')), radio('zone', t('layers.byZone')),
            radio('grade', t('layers.byGrade'))),
          legendList(items),
          state.color === 'grade' ? this.gradeNote() : null,
        ];
      }
      case 'zones':
        return legendList(zones.map((z) => [z.color, z.name]));
      case 'parcels':
        return [legendList(Object.entries(YEAR_COLORS).map(([y, c]) => [c, `${y}`])),
          legendList([['#f59e60', t('layers.parcelCells')]])];
      case 'redevelopment':
        return legendList([[REDEV_COLORS.oldFactory, t('layers.oldFactory')], [REDEV_COLORS.other, t('layers.otherRedev')]]);
      case 'towns':
        return legendList([[BASE_COLORS.town, t('layers.group_towns'), 'dot']]);
      case 'county':
        return legendList([[BASE_COLORS.county, t('layers.group_county'), 'line']]);
      default:
        return null;
    }
  }

  /** gradeNote says what the grade colours rest on: the latest round's count, and how few are known. */
  gradeNote() {
    const round = this.opts.evaluations?.()?.rounds?.[0];
    return h('p', { class: 'note grade-note', id: 'grade-note' }, round
      ? t('layers.gradeRound', { year: round.year, n: round.parks_evaluated, known: round.grades_known })
      : t('layers.gradeNone'));
  }

  render() {
    const { state, tianditu } = this.opts;
    const groups = LAYER_GROUPS.map((g) => h('li', { class: 'layer-group', dataset: { group: g } },
      h('label', { class: 'check' },
        h('input', {
          type: 'checkbox', id: `layer-${g}`, checked: !state.hidden.has(g),
          onchange: (e) => this.opts.onToggle(g, e.target.checked),
        }),
        h('span', null, t(`layers.group_${g}`))),
      this.legend(g)));
    const basemap = tianditu ? h('fieldset', { class: 'basemap' },
      h('legend', null, t('layers.basemap')),
      [['local', t('layers.basemapLocal')], ['tianditu', t('layers.basemapTianditu')]].map(([name, text]) => h('label', { class: 'radio' },
        h('input', {
          type: 'radio', name: 'basemap', value: name, checked: this.opts.basemap() === name,
          onchange: () => this.opts.onBasemap(name),
        }), text))) : null;
    const details = h('details', { class: 'layers', open: this.open, ontoggle: (e) => { this.open = e.target.open; } },
      h('summary', { title: t('layers.title') }, t('layers.button')),
      h('div', { class: 'layers-body' },
        h('ul', { class: 'layer-groups' }, groups),
        basemap,
        h('p', { class: 'note' }, t('layers.illustrative'))));
    fill(this.el, details);
  }
}

/**
 * NoticeControl shows Tianditu's attribution and review number (审图号) while its tiles are shown, and
 * notes such as a failed Tianditu load. Lower left, as Tianditu's terms ask.
 */
export class NoticeControl {
  constructor() {
    this.attribution = '';
    this.note = '';
  }

  onAdd() {
    this.el = h('div', { class: 'maplibregl-ctrl notice-ctrl', 'aria-live': 'polite' });
    this.render();
    return this.el;
  }

  onRemove() {
    this.el.remove();
  }

  set(attribution, note) {
    this.attribution = attribution;
    this.note = note;
    this.render();
  }

  render() {
    if (!this.el) return;
    fill(this.el, 
      this.attribution ? h('div', { class: 'tdt-attrib', id: 'tdt-attrib' }, this.attribution) : null,
      this.note ? h('div', { class: 'tdt-note', id: 'tdt-note', role: 'status' }, this.note) : null);
    this.el.hidden = !this.attribution && !this.note;
  }
}
