/**
 * Server-rendered SVG charts (Apache ECharts in SSR mode, DESIGN.md), made accessible: the SVG gets
 * role="img", a <title> and a <desc> (the page also shows the same figures as a table), and no fixed
 * width so it scales down to a phone and prints. ECharts escapes the text it writes; the title and
 * description added here are escaped too. ECharts is imported on first use (it is large).
 */
type ECharts = typeof import('echarts');
let echarts: ECharts | undefined;

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export interface Series { name: string; data: (number | null)[] }

/** Renders an SVG string; `kind` line (trend per month) or bar (units compared, horizontal). */
export async function chartSvg(o: { id: string; title: string; desc: string; kind: 'line' | 'bar'; categories: string[]; series: Series[]; max?: number }): Promise<string> {
  echarts ??= await import('echarts');
  const horizontal = o.kind === 'bar';
  const height = horizontal ? Math.max(160, 60 + o.categories.length * 22) : 300;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 640, height });
  const value = { type: 'value' as const, max: o.max, axisLabel: { color: '#333' } };
  const cat = { type: 'category' as const, data: o.categories, axisLabel: { color: '#333', interval: 0 }, inverse: horizontal };
  chart.setOption({
    animation: false,
    color: ['#1d4f91', '#b34700', '#2e7d32', '#6a1b9a'],
    textStyle: { fontFamily: 'sans-serif' },
    legend: o.series.length > 1 ? { top: 0, textStyle: { color: '#333' } } : undefined,
    grid: { left: horizontal ? 150 : 50, right: 30, top: o.series.length > 1 ? 40 : 20, bottom: 30 },
    xAxis: horizontal ? value : cat,
    yAxis: horizontal ? cat : value,
    series: o.series.map((s) => ({ type: o.kind, name: s.name, data: s.data, connectNulls: false, label: horizontal ? { show: true, position: 'right', color: '#333' } : undefined })),
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  const t = `${o.id}-t`;
  const d = `${o.id}-d`;
  return svg
    .replace(/^<svg width="\d+" height="\d+"/, `<svg class="chart" role="img" aria-labelledby="${t} ${d}" preserveAspectRatio="xMinYMin meet"`)
    .replace(/(<svg[^>]*>)/, `$1<title id="${t}">${esc(o.title)}</title><desc id="${d}">${esc(o.desc)}</desc>`);
}
