/**
 * The report's admin forms: figures the platform does not hold (entered, or imported as JSON, each
 * with its source), the narrative parts 一、五、六, and the deadline settings. Forms work without
 * JavaScript and re-render with 422 and a message beside each field.
 */
import { ErrorSummary, Field, t, type ViewContext } from '../../../core/render/page.tsx';
import type { Msg } from '../../../core/render/i18n.ts';
import { M } from '../../../core/render/messages.ts';
import { AdminPage } from '../../admin/layout.tsx';
import { reportTitle } from '../domain/view.tsx';
import { formatForYear, manualCells } from '../domain/formats.ts';
import { cellName } from '../domain/labels-en.ts';
import type { ManualFigures } from '../domain/compute.ts';
import type { Narrative } from '../domain/narrative.ts';
import type { DeadlineSettings } from '../domain/deadlines.ts';
import type { LoadedReport } from '../store/assemble.ts';
import { reportUnitName } from '../store/assemble.ts';
import { reportUrl } from './views.tsx';

function TextArea(p: { c: ViewContext; name: string; label: string; value: string; errors?: Record<string, Msg>; hint?: string; rows?: number }) {
  const err = p.errors?.[p.name];
  const id = `f-${p.name}`;
  const desc = [p.hint ? `${id}-hint` : '', err ? `${id}-err` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <Field c={p.c} name={p.name} label={p.label} errors={p.errors} hint={p.hint}>
      <textarea id={id} name={p.name} rows={p.rows ?? 6} aria-invalid={err ? 'true' : undefined} aria-describedby={desc}>{p.value}</textarea>
    </Field>
  );
}

export function FiguresPage(p: { c: ViewContext; r: LoadedReport; figures: ManualFigures; values?: Record<string, string>; errors?: Record<string, Msg>; json?: string }) {
  const { c, r } = p;
  const T = t(c);
  const f = formatForYear(r.year);
  const base = reportUrl(r.unit.id, r.year, r.kind);
  const title = T({ zh: '填报数据（表二）', en: 'Unit-entered figures (table 2)' });
  const labels: Record<string, string> = {};
  for (const d of manualCells(f)) {
    labels[`value:${d.path}`] = `${T(cellName(f, d.path))} · ${T({ zh: '数值', en: 'figure' })}`;
    labels[`source:${d.path}`] = `${T(cellName(f, d.path))} · ${T({ zh: '数据来源', en: 'source' })}`;
  }
  labels.json = 'JSON';
  const val = (k: string, fallback: string) => p.values?.[k] ?? fallback;
  return (
    <AdminPage c={c} title={title} current="reports" crumbs={[{ href: `/admin/reports?year=${r.year}`, label: T({ zh: '年度报告', en: 'Annual reports' }) }, { href: base, label: reportTitle(reportUnitName(r.unit, r.kind), r.year) }, { label: title }]}>
      <h1>{title}</h1>
      <p>{T({ zh: '平台不掌握的数据（行政许可、行政处罚、行政强制的处理决定数量，行政事业性收费金额等）由本单位填报，每项须注明数据来源。本单位没有相应职权的，填 0 并说明。金额单位为万元，最多保留六位小数。', en: 'Figures the platform does not hold are entered by the unit, each with its source. Enter 0 (and say why) where the unit has no such power. Amounts in 万元, at most 6 decimal places.' })}</p>
      <ErrorSummary c={c} errors={p.errors} labels={labels} />
      <form method="post" action={`${base}/figures`} novalidate>
        <input type="hidden" name="_csrf" value={c.csrf} />
        {manualCells(f).map((d) => (
          <fieldset>
            <legend>{T(cellName(f, d.path))}</legend>
            <Field c={c} name={`value:${d.path}`} label={T({ zh: '数值', en: 'Figure' })} value={val(`value:${d.path}`, p.figures[d.path] ? String(p.figures[d.path].value) : '')} errors={p.errors} hint={d.kind === 'decimal' ? T({ zh: '单位：万元', en: 'in 万元' }) : d.kind === 'signed' ? T({ zh: '减少用负值表示，如 -8', en: 'negative for a decrease, e.g. -8' }) : undefined} />
            <Field c={c} name={`source:${d.path}`} label={T({ zh: '数据来源', en: 'Source' })} value={val(`source:${d.path}`, p.figures[d.path]?.source ?? '')} errors={p.errors} />
          </fieldset>
        ))}
        <p><button type="submit">{T(M.save)}</button> <a href={base}>{T(M.cancel)}</a></p>
      </form>
      <h2>{T({ zh: '以 JSON 导入', en: 'Import as JSON' })}</h2>
      <form method="post" action={`${base}/figures/import`} novalidate>
        <input type="hidden" name="_csrf" value={c.csrf} />
        <TextArea c={c} name="json" label="JSON" value={p.json ?? ''} errors={p.errors} rows={8} hint={T({ zh: '格式：{"table2.licensing.decisions": {"value": 120, "source": "政务服务平台统计"}}；导入的项覆盖已填报的同一项。', en: 'Shape: {"table2.licensing.decisions": {"value": 120, "source": "…"}}; imported cells replace the same cells.' })} />
        <p><button type="submit" class="secondary">{T({ zh: '导入', en: 'Import' })}</button></p>
      </form>
    </AdminPage>
  );
}

export function NarrativePage(p: { c: ViewContext; r: LoadedReport; values?: Record<string, string>; errors?: Record<string, Msg> }) {
  const { c, r } = p;
  const T = t(c);
  const base = reportUrl(r.unit.id, r.year, r.kind);
  const n: Narrative = r.narrative;
  const title = T({ zh: '编辑报告正文', en: 'Edit the narrative' });
  const v = (k: string, fallback: string) => p.values?.[k] ?? fallback;
  const labels: Record<string, string> = { preface: T({ zh: '报告说明', en: 'Preface' }), part6: '六、其他需要报告的事项' };
  n.part1.forEach((s, i) => (labels[`part1_${i}`] = `一、总体情况 ${s.heading}`));
  n.part5.forEach((s, i) => (labels[`part5_${i}`] = `五、存在的主要问题及改进情况 ${s.heading}`));
  return (
    <AdminPage c={c} title={title} current="reports" crumbs={[{ href: `/admin/reports?year=${r.year}`, label: T({ zh: '年度报告', en: 'Annual reports' }) }, { href: base, label: reportTitle(reportUnitName(r.unit, r.kind), r.year) }, { label: title }]}>
      <h1>{title}</h1>
      <p>{T({ zh: '草稿已根据平台数据预填，【待填写：…】处须替换为实际情况后才能发布。每行为一个自然段。', en: 'The draft is pre-filled from the data; replace every 【待填写：…】 before publishing. One paragraph per line.' })}</p>
      <ErrorSummary c={c} errors={p.errors} labels={labels} />
      <form method="post" action={`${base}/narrative`} novalidate>
        <input type="hidden" name="_csrf" value={c.csrf} />
        <TextArea c={c} name="preface" label={labels.preface} value={v('preface', n.preface)} errors={p.errors} rows={3} />
        <fieldset>
          <legend>一、总体情况</legend>
          {n.part1.map((s, i) => <TextArea c={c} name={`part1_${i}`} label={s.heading} value={v(`part1_${i}`, s.paragraphs.join('\n'))} errors={p.errors} />)}
        </fieldset>
        <fieldset>
          <legend>五、存在的主要问题及改进情况</legend>
          {n.part5.map((s, i) => <TextArea c={c} name={`part5_${i}`} label={s.heading} value={v(`part5_${i}`, s.paragraphs.join('\n'))} errors={p.errors} />)}
        </fieldset>
        <TextArea c={c} name="part6" label={labels.part6} value={v('part6', n.part6.join('\n'))} errors={p.errors} rows={8} hint={T({ zh: '包括信息处理费收取情况（国办函〔2020〕109号）、落实上级政务公开工作要点、人大代表建议和政协提案办理结果公开等。', en: 'Fees under 国办函〔2020〕109号, key points, NPC/CPPCC proposals, innovations.' })} />
        <p><button type="submit">{T(M.save)}</button> <a href={base}>{T(M.cancel)}</a></p>
      </form>
    </AdminPage>
  );
}

export function SettingsPage(p: { c: ViewContext; settings: DeadlineSettings; values?: Record<string, string>; errors?: Record<string, Msg> }) {
  const { c } = p;
  const T = t(c);
  const title = T({ zh: '年度报告发布截止日期', en: 'Annual report deadlines' });
  const labels = { department: T({ zh: '政府部门（次年 月-日）', en: 'Departments (MM-DD of the next year)' }), government: T({ zh: '人民政府汇总报告（次年 月-日）', en: 'Government summaries (MM-DD of the next year)' }) };
  return (
    <AdminPage c={c} title={title} current="reports" crumbs={[{ href: '/admin/reports', label: T({ zh: '年度报告', en: 'Annual reports' }) }, { label: title }]}>
      <h1>{title}</h1>
      <p>{T({ zh: '条例第四十九条：部门为1月31日前，人民政府为3月31日前。本市可规定更早的日期，但不得晚于法定期限。', en: 'Art. 49: 31 January for departments, 31 March for governments. A city may set earlier dates, never later ones.' })}</p>
      <ErrorSummary c={c} errors={p.errors} labels={labels} />
      <form method="post" action="/admin/reports/settings" novalidate>
        <input type="hidden" name="_csrf" value={c.csrf} />
        <Field c={c} name="department" label={labels.department} value={p.values?.department ?? p.settings.department} errors={p.errors} required hint="01-31" />
        <Field c={c} name="government" label={labels.government} value={p.values?.government ?? p.settings.government} errors={p.errors} required hint="03-31" />
        <p><button type="submit">{T(M.save)}</button></p>
      </form>
    </AdminPage>
  );
}
