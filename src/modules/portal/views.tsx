/** Public pages of the cluster: the city home (all units by type) and each unit's home. */
import { Shell, t, type ViewContext } from '../../core/render/page.tsx';
import { tr } from '../../core/render/i18n.ts';
import { M } from '../../core/render/messages.ts';
import { UNIT_TYPES, UNIT_TYPE_LABELS } from '../units/types.ts';
import type { Unit } from '../units/repository.ts';
import { PortalNav } from './nav.tsx';
import { standardColumns, type StandardColumn } from './skeleton.ts';

const unitName = (c: ViewContext, u: Unit) => (c.l === 'en' && u.name_en ? u.name_en : u.name);

export function CityHome(p: { c: ViewContext; root: Unit; units: Unit[] }) {
  const { c } = p;
  const T = t(c);
  const title = T({ zh: '政府信息公开平台', en: 'Government Information Disclosure Platform' });
  return (
    <Shell c={c} title={title} area="portal" nav={<PortalNav c={c} current="home" />} meta={{ columnName: T(M.home), columnType: '首页', description: title }}>
      <h1>{unitName(c, p.root)} · {title}</h1>
      <p class="notice">
        {T({
          zh: '本平台集中发布市政府、各县（市）区政府、市政府各部门、乡镇（街道）和园区的政府信息，统一执行《中华人民共和国政府信息公开条例》规定的公开目录和发布标准。',
          en: 'This platform publishes the government information of the city government, its counties and districts, departments, townships and parks, to one catalogue and publication standard under the Regulations on Open Government Information.',
        })}
      </p>
      <h2>{T({ zh: '市政府信息公开', en: 'City government' })}</h2>
      <p><a href={`/u/${p.root.slug}/xxgk/`}>{unitName(c, p.root)} · {T(M.disclosure)}</a></p>
      {UNIT_TYPES.filter((ty) => ty !== 'city_government').map((ty) => {
        const list = p.units.filter((u) => u.type === ty);
        if (!list.length) return null;
        return (
          <section aria-labelledby={`h-${ty}`}>
            <h2 id={`h-${ty}`}>{tr(c.l, UNIT_TYPE_LABELS[ty])}</h2>
            <ul class="unit-list">
              {list.map((u) => (
                <li><a href={`/u/${u.slug}/`}>{unitName(c, u)}</a></li>
              ))}
            </ul>
          </section>
        );
      })}
    </Shell>
  );
}

export function ColumnTiles(p: { c: ViewContext; unit: Unit; columns: StandardColumn[] }) {
  return (
    <ul class="columns">
      {p.columns.map((col) => (
        <li>
          <a href={`/u/${p.unit.slug}/xxgk/${col.slug}`}>{tr(p.c.l, col.name)}</a>
        </li>
      ))}
    </ul>
  );
}

export function UnitHome(p: { c: ViewContext; unit: Unit; ancestors: Unit[]; children: Unit[] }) {
  const { c, unit } = p;
  const T = t(c);
  const cols = standardColumns(unit.type);
  return (
    <Shell
      c={c}
      title={unitName(c, unit)}
      area="portal"
      nav={<PortalNav c={c} unit={unit} current="home" />}
      breadcrumbs={[{ href: '/', label: T(M.home) }, ...p.ancestors.slice(0, -1).map((a) => ({ href: `/u/${a.slug}/`, label: a.short_name })), { label: unit.short_name }]}
      meta={{ columnName: unitName(c, unit), columnType: '首页', description: `${unit.name}${T(M.disclosure)}` }}
    >
      <h1>{unitName(c, unit)}</h1>
      <h2 id="xxgk">{T(M.disclosure)}</h2>
      <ColumnTiles c={c} unit={unit} columns={cols} />
      {p.children.length ? (
        <section aria-labelledby="h-sub">
          <h2 id="h-sub">{T({ zh: '下级单位', en: 'Subordinate units' })}</h2>
          <ul class="unit-list">
            {p.children.map((u) => (
              <li><a href={`/u/${u.slug}/`}>{unitName(c, u)}</a></li>
            ))}
          </ul>
        </section>
      ) : null}
      <ContactBox c={c} unit={unit} />
    </Shell>
  );
}

export function ContactBox(p: { c: ViewContext; unit: Unit }) {
  const T = t(p.c);
  const u = p.unit;
  const rows: [string, string | null][] = [
    [T({ zh: '政府信息公开工作机构', en: 'Disclosure office' }), u.disclosure_body],
    [T({ zh: '办公地址', en: 'Address' }), u.address],
    [T({ zh: '邮政编码', en: 'Postcode' }), u.postcode],
    [T({ zh: '办公时间', en: 'Office hours' }), u.office_hours],
    [T({ zh: '联系电话', en: 'Telephone' }), u.phone],
    [T({ zh: '传真', en: 'Fax' }), u.fax],
    [T({ zh: '电子邮箱', en: 'E-mail' }), u.email],
  ];
  return (
    <section class="contact card" aria-labelledby="h-contact">
      <h2 id="h-contact">{T({ zh: '政府信息公开工作机构联系方式', en: 'Contact the disclosure office' })}</h2>
      <dl>
        {rows.filter(([, v]) => v).map(([k, v]) => (
          <>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </>
        ))}
      </dl>
    </section>
  );
}

export function XxgkIndex(p: { c: ViewContext; unit: Unit; ancestors: Unit[] }) {
  const { c, unit } = p;
  const T = t(c);
  const cols = standardColumns(unit.type);
  return (
    <Shell
      c={c}
      title={`${unit.short_name} · ${T(M.disclosure)}`}
      area="portal"
      nav={<PortalNav c={c} unit={unit} current="xxgk" />}
      breadcrumbs={[{ href: '/', label: T(M.home) }, { href: `/u/${unit.slug}/`, label: unit.short_name }, { label: T(M.disclosure) }]}
      meta={{ columnName: '政府信息公开', columnType: '政府信息公开', description: `${unit.name}政府信息公开` }}
    >
      <h1>{unitName(c, unit)} · {T(M.disclosure)}</h1>
      <ColumnTiles c={c} unit={unit} columns={cols} />
      {cols.filter((col) => col.children?.length).map((col) => (
        <section aria-labelledby={`h-${col.slug}`}>
          <h2 id={`h-${col.slug}`}>{tr(c.l, col.name)}</h2>
          <ul class="columns">
            {col.children!.map((ch) => (
              <li><a href={`/u/${unit.slug}/xxgk/${col.slug}/${ch.slug}`}>{tr(c.l, ch.name)}</a></li>
            ))}
          </ul>
        </section>
      ))}
    </Shell>
  );
}
