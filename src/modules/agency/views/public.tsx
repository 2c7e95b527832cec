/**
 * The 机构职能 column's panel on the portal: the published version of the agency information and the
 * registry's contacts (条例 第二十条第（二）项), above the column's document list.
 */
import { t, type ViewContext } from '../../../core/render/page.tsx';
import { formatDate } from '../../../core/render/i18n.ts';
import type { Unit } from '../../units/repository.ts';
import type { VersionRow } from '../store/queries.ts';

export const photoUrl = (unit: { slug: string }, photoId: number) => `/u/${unit.slug}/agency/photos/${photoId}`;

function Paragraphs(p: { text: string }) {
  return <>{p.text.split(/\n+/).filter(Boolean).map((line) => <p>{line}</p>)}</>;
}

export function AgencyPanel(p: { c: ViewContext; unit: Unit; version: VersionRow | null }) {
  const { c, unit, version } = p;
  const T = t(c);
  const s = version?.snapshot;
  const contacts: [string, string | null][] = [
    [T({ zh: '办公地址', en: 'Address' }), unit.address ? `${unit.address}${unit.postcode ? `（邮编 ${unit.postcode}）` : ''}` : null],
    [T({ zh: '办公时间', en: 'Office hours' }), unit.office_hours],
    [T({ zh: '联系电话', en: 'Telephone' }), unit.phone],
    [T({ zh: '传真', en: 'Fax' }), unit.fax],
    [T({ zh: '电子邮箱', en: 'E-mail' }), unit.email],
    [T({ zh: '负责人', en: 'Head' }), unit.responsible_official ? `${unit.responsible_official}${unit.responsible_title ? `（${unit.responsible_title}）` : ''}` : null],
  ];
  return (
    <section class="agency" aria-labelledby="h-agency">
      <h2 id="h-agency">{T({ zh: '机构信息', en: 'About the organisation' })}</h2>
      {version ? <p class="meta">{T({ zh: '第 {v} 版，更新于 {d}', en: 'Version {v}, updated {d}' }, { v: version.version, d: formatDate(c.l, version.published_at) })}</p> : null}
      <h3>{T({ zh: '机关职能', en: 'Functions' })}</h3>
      {s?.functions ? <div class="article" lang="zh-CN" dangerouslySetInnerHTML={{ __html: s.functions }} /> : <p>{T({ zh: '尚未发布。', en: 'Not yet published.' })}</p>}
      <h3>{T({ zh: '联系方式', en: 'Contact' })}</h3>
      <dl class="meta-box">
        {contacts.filter(([, v]) => v).map(([k, v]) => <><dt>{k}</dt><dd>{v}</dd></>)}
      </dl>
      <p><a href={`/u/${unit.slug}/media`}>{T({ zh: '本单位政务新媒体', en: 'Official new-media accounts' })}</a></p>
      {s?.departments.length ? (
        <>
          <h3>{T({ zh: '机构设置（内设机构）', en: 'Internal departments' })}</h3>
          <ul class="agency-depts">
            {s.departments.map((d) => (
              <li>
                <strong>{d.name}</strong>{d.phone ? <span class="doclist-meta">{T({ zh: '电话', en: 'Tel.' })} {d.phone}</span> : null}
                {d.functions ? <Paragraphs text={d.functions} /> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {s?.leaders.length ? (
        <>
          <h3>{T({ zh: '领导信息', en: 'Leadership' })}</h3>
          <ul class="agency-leaders">
            {s.leaders.map((l) => (
              <li>
                {l.photo_id ? <img src={photoUrl(unit, l.photo_id)} alt={T({ zh: '{n}照片', en: 'Photo of {n}' }, { n: l.name })} width={120} height={160} loading="lazy" /> : null}
                <div>
                  <h4>{l.name}<span class="doclist-meta">{l.title}</span></h4>
                  {l.duties ? <><p><strong>{T({ zh: '分管工作', en: 'Responsibilities' })}：</strong></p><Paragraphs text={l.duties} /></> : null}
                  {l.cv ? <details><summary>{T({ zh: '简历', en: 'CV' })}</summary><Paragraphs text={l.cv} /></details> : null}
                </div>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
