// ECharts for the charts panel (web/ui/briefing/charts.js), only the modules it uses, with the dark
// big-screen theme. A module of its own because the build splits it into a chunk the page fetches the
// first time a chart is shown (import() in Charts.ensure): about 0.6 MB no planner who never opens a
// chart should download.
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, LegendComponent, TitleComponent, MarkLineComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, TitleComponent, MarkLineComponent, CanvasRenderer]);

const THEME = 'parkmap-dark';
echarts.registerTheme(THEME, {
  backgroundColor: '#0f1b2b',
  textStyle: { color: '#dfe6ee', fontFamily: "'WenQuanYi Micro Hei', 'Noto Sans CJK SC', sans-serif" },
  title: { textStyle: { color: '#ffffff' } },
  legend: { textStyle: { color: '#dfe6ee' } },
  categoryAxis: { axisLine: { lineStyle: { color: '#5b6b7d' } }, axisLabel: { color: '#dfe6ee' }, splitLine: { show: false } },
  valueAxis: { axisLine: { lineStyle: { color: '#5b6b7d' } }, axisLabel: { color: '#dfe6ee' }, splitLine: { lineStyle: { color: '#26364a' } } },
  color: ['#4fc3f7', '#ffb74d', '#81c784', '#e57373', '#ba68c8', '#fff176', '#4db6ac', '#f06292', '#a1887f', '#90a4ae'],
});

/** initChart starts an ECharts instance on el with the theme, drawn on a canvas. */
export function initChart(el) {
  return echarts.init(el, THEME, { renderer: 'canvas' });
}
