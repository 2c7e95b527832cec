/**
 * The unit's document settings page: its 索引号 pattern (domain/indexno.ts), a preview of the next
 * number and the form that changes it (commands.ts setIndexPattern). Existing numbers never change.
 */
import { ErrorSummary, Field, t, type ViewContext } from '../../../core/render/page.tsx';
import { tr, type Msg } from '../../../core/render/i18n.ts';
import { AdminPage } from '../../admin/layout.tsx';
import { DOC_NAV } from './admin-views.tsx';

export const SETTINGS_TITLE: Msg = { zh: '索引号设置', en: 'Index number settings' };
const PATTERN_LABEL: Msg = { zh: '索引号格式', en: 'Index number pattern' };

export interface IndexSettingsProps {
  c: ViewContext;
  unit: { id: number; name: string; code: string };
  units: { id: number; name: string; depth: number }[];
  current: string;
  isDefault: boolean;
  defaultPattern: string;
  /** the next number for a document written today, or why it cannot be made */
  preview: { ok: true; value: string; usesTopic: boolean } | { ok: false; message: Msg };
  value?: string;
  errors?: Record<string, Msg>;
  saved?: boolean;
}

const PLACEHOLDERS: { token: string; msg: Msg }[] = [
  { token: '{unitCode}', msg: { zh: '单位代码（统一社会信用代码或组织机构代码），必须包含；也可写作 {unit code}', en: 'the unit code (unified social credit code or organisation code), required; {unit code} also works' } },
  { token: '{YYYY}', msg: { zh: '四位年份（成文日期所在年份），必须包含；流水号按年重新编排', en: 'four-digit year (of the date written), required; serials restart each year' } },
  { token: '{MM}', msg: { zh: '两位月份（成文日期所在月份），可选', en: 'two-digit month (of the date written), optional' } },
  { token: '{serial:N}', msg: { zh: '流水号，补零至N位（1至10），必须恰好包含一个；超过N位时不截断', en: 'the serial, zero-padded to N digits (1–10), exactly one; never truncated' } },
  { token: '{topic}', msg: { zh: '主题分类代码，可选', en: 'the topic classification code, optional' } },
];

export function IndexSettingsPage(p: IndexSettingsProps) {
  const { c, unit } = p;
  const T = t(c);
  const title = T(SETTINGS_TITLE);
  const label = T(PATTERN_LABEL);
  const err = p.errors?.index_pattern;
  return (
    <AdminPage c={c} title={`${title} · ${unit.name}`} current={DOC_NAV} crumbs={[{ href: '/admin/documents', label: T({ zh: '文件管理', en: 'Documents' }) }, { label: title }]}>
      <h1>{title}：{unit.name}</h1>
      {p.saved ? <div class="notice" role="status"><p>{T({ zh: '索引号格式已保存，此后新建的文件将按新格式编号。', en: 'The pattern was saved; documents created from now on are numbered by it.' })}</p></div> : null}
      {p.units.length > 1 ? (
        <form method="get" action="/admin/documents/settings" class="doc-filters" aria-label={T({ zh: '选择单位', en: 'Choose a unit' })}>
          <Field c={c} name="unit" label={T({ zh: '单位', en: 'Unit' })}>
            <select id="f-unit" name="unit">
              {p.units.map((u) => <option value={String(u.id)} selected={u.id === unit.id}>{'　'.repeat(u.depth)}{u.name}</option>)}
            </select>
          </Field>
          <p><button type="submit" class="secondary">{T({ zh: '切换单位', en: 'Show this unit' })}</button></p>
        </form>
      ) : null}
      <section aria-labelledby="h-index-current" class="card">
        <h2 id="h-index-current">{T({ zh: '当前格式', en: 'Current pattern' })}</h2>
        <dl class="meta-box summary-list">
          <dt>{T({ zh: '单位代码', en: 'Unit code' })}</dt><dd><code>{unit.code}</code></dd>
          <dt>{label}</dt><dd><code>{p.current}</code>{p.isDefault ? <> {T({ zh: '（默认格式）', en: '(default)' })}</> : null}</dd>
          <dt>{T({ zh: '下一个索引号（预览）', en: 'Next number (preview)' })}</dt>
          <dd id="index-preview">
            {p.preview.ok
              ? <><code>{p.preview.value}</code> <span class="hint">{T({ zh: '（以今天为成文日期{t}；如该号码已被导入的文件占用，将顺延）', en: '(for a document written today{t}; a number already taken by an import is skipped)' }, { t: p.preview.usesTopic ? T({ zh: '、主题分类以 0201 为例', en: ', topic 0201 as an example' }) : '' })}</span></>
              : <span class="error">{T(p.preview.message)}</span>}
          </dd>
        </dl>
      </section>
      <section aria-labelledby="h-index-form">
        <h2 id="h-index-form">{T({ zh: '修改格式', en: 'Change the pattern' })}</h2>
        <div class="notice">
          <p>{T({ zh: '修改只适用于此后新建的文件：已有文件的索引号不会改变，也不会重新编号。流水号按单位、按年度连续编排，修改格式后继续顺延，不会重新开始或重复使用。', en: 'A change applies only to documents created afterwards: existing index numbers never change and are never renumbered. Serials run on per unit and year; they continue after a change and are never restarted or reused.' })}</p>
        </div>
        <form method="post" action="/admin/documents/settings" novalidate>
          <ErrorSummary c={c} errors={p.errors} labels={{ index_pattern: label }} />
          <input type="hidden" name="_csrf" value={c.csrf} />
          <input type="hidden" name="unit" value={String(unit.id)} />
          <Field c={c} name="index_pattern" label={label} required errors={p.errors} hint={T({ zh: '默认格式为 {d}。占位符见下表；其余部分只能使用英文字母、数字和 / - _ . 。', en: 'The default is {d}. Placeholders are listed below; anything else may only be letters, digits and / - _ .' }, { d: p.defaultPattern })}>
            <input id="f-index_pattern" name="index_pattern" type="text" value={p.value ?? p.current} required maxLength={100} autoComplete="off" spellcheck={false} aria-invalid={err ? 'true' : undefined} aria-describedby={['f-index_pattern-hint', err ? 'f-index_pattern-err' : ''].filter(Boolean).join(' ')} />
          </Field>
          <p><button type="submit">{T({ zh: '保存格式', en: 'Save pattern' })}</button></p>
        </form>
        <table class="data">
          <caption>{T({ zh: '可用占位符', en: 'Placeholders' })}</caption>
          <thead><tr><th scope="col">{T({ zh: '占位符', en: 'Placeholder' })}</th><th scope="col">{T({ zh: '含义', en: 'Meaning' })}</th></tr></thead>
          <tbody>{PLACEHOLDERS.map((x) => <tr><th scope="row"><code>{x.token}</code></th><td>{tr(c.l, x.msg)}</td></tr>)}</tbody>
        </table>
        <p class="hint">{T({ zh: '示例：{a}（年份/流水号）、{b}（含月份）。', en: 'Examples: {a} (year and serial), {b} (with the month).' }, { a: '{unitCode}/{YYYY}-{serial:5}', b: '{unitCode}/{YYYY}{MM}-{serial:4}' })}</p>
      </section>
    </AdminPage>
  );
}
