/**
 * 政府信息公开指南, generated from the unit's own data. 条例第十二条 requires the guide to state how
 * information is classified and arranged, how to obtain it, and the disclosure office's name,
 * address, hours, phone, fax and internet contact — all of which come from the 备案 registry.
 */
import { Shell, t, type ViewContext } from '../../core/render/page.tsx';
import { M } from '../../core/render/messages.ts';
import { formatDate } from '../../core/render/i18n.ts';
import type { Unit } from '../units/repository.ts';
import { PortalNav } from './nav.tsx';
import { ContactBox } from './views.tsx';

export function GuidePage(p: { c: ViewContext; unit: Unit }) {
  const { c, unit: u } = p;
  const T = t(c);
  const title = T({ zh: '政府信息公开指南', en: 'Guide to government information' });
  const zh = c.l !== 'en';
  return (
    <Shell
      c={c}
      title={`${u.short_name} · ${title}`}
      area="portal"
      nav={<PortalNav c={c} unit={u} current="xxgk" />}
      breadcrumbs={[{ href: '/', label: T(M.home) }, { href: `/u/${u.slug}/`, label: u.short_name }, { href: `/u/${u.slug}/xxgk/`, label: T(M.disclosure) }, { label: title }]}
      meta={{ columnName: '政府信息公开指南', columnType: '政府信息公开指南', articleTitle: `${u.name}政府信息公开指南`, contentSource: u.name }}
    >
      <article class="article">
        <h1>{u.name}{zh ? '政府信息公开指南' : ': guide to government information'}</h1>
        {zh ? (
          <>
            <p>为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第十二条的规定，编制本指南。本指南随本机关信息公开工作机构及其联系方式等信息的变化及时更新。</p>
            <h2>一、主动公开</h2>
            <p>（一）公开范围。本机关依照《条例》第十九条、第二十条{u.type === 'city_government' || u.type === 'county_government' || u.type === 'township' ? '、第二十一条' : ''}的规定，主动公开涉及公众利益调整、需要公众广泛知晓或者需要公众参与决策的政府信息。</p>
            <p>（二）分类与编排。政府信息按“政府信息公开指南、政府信息公开制度、法定主动公开内容、政府信息公开年报”统一栏目编排；法定主动公开内容按《条例》第二十条规定的事项分类，每条信息标注索引号、发文机关、文号、成文日期、发布日期、主题分类和有效性。</p>
            <p>（三）公开方式。主要通过本平台“{u.short_name}·政府信息公开”专栏公开，并可通过政府公报、新闻发布会以及报刊、广播、电视等途径公开。本平台提供信息检索、查阅和下载功能（《条例》第二十四条）。</p>
            <p>（四）公开时限。属于主动公开范围的政府信息，自该信息形成或者变更之日起 20 个工作日内予以公开（《条例》第二十六条）。</p>
            <h2>二、依申请公开</h2>
            <p>公民、法人或者其他组织可以向本机关申请获取相关政府信息。申请应当采用书面形式（包括数据电文形式），包括：申请人的姓名或者名称、身份证明、联系方式；申请公开的政府信息的名称、文号或者便于查询的其他特征性描述；获取信息的方式、途径（《条例》第二十九条）。</p>
            <p>申请渠道：在线提交（本平台“依申请公开”栏目）、当面提交、邮寄或传真至本机关政府信息公开工作机构。</p>
            <p>本机关收到申请，能够当场答复的当场答复；不能当场答复的，自收到申请之日起 20 个工作日内答复；需要延长的，经政府信息公开工作机构负责人同意并告知申请人，延长期限最长不超过 20 个工作日（《条例》第三十三条）。依申请提供政府信息，不收取费用；申请数量、频次明显超过合理范围的，可以依照规定收取信息处理费（《条例》第四十二条）。</p>
            <h2>三、政府信息公开工作机构</h2>
          </>
        ) : (
          <>
            <p>This guide is kept under Article 12 of the Regulations on Open Government Information and is updated whenever the office or its contacts change.</p>
            <h2>1. Proactive disclosure</h2>
            <p>Information is published in the standard column (guide, rules, statutory proactive disclosure by the items of Article 20, annual reports), each item with its index number, issuing organ, document number, dates, topic and validity, within 20 working days of being made or changed (Article 26). Search, viewing and download are available on this platform (Article 24).</p>
            <h2>2. Disclosure on request</h2>
            <p>Anyone may ask for information in writing, online or on paper, stating their name, identity document, contacts, a description of the information and the form of delivery (Article 29). Replies come within 20 working days, extendable once by up to 20 working days (Article 33).</p>
            <h2>3. The disclosure office</h2>
          </>
        )}
      </article>
      <ContactBox c={c} unit={u} />
      {u.responsible_official ? (
        <p>
          {T({ zh: '政府信息公开工作负责同志', en: 'Official responsible for disclosure' })}：{u.responsible_official}（{u.responsible_title}）
          {u.responsible_filed_on ? T({ zh: '，{d}报备', en: ', filed {d}' }, { d: formatDate(c.l, u.responsible_filed_on) }) : ''}
        </p>
      ) : null}
      <h2>{T({ zh: '监督和救济', en: 'Oversight and remedies' })}</h2>
      <p>
        {T({
          zh: '公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼（《条例》第五十一条）。',
          en: 'Anyone who believes this office has infringed their rights in disclosure work may complain to the higher authority or the competent disclosure department, or apply for administrative reconsideration or bring an administrative lawsuit (Article 51).',
        })}
        {u.reconsideration_organ ? T({ zh: '行政复议机关：{o}。', en: ' Reconsideration organ: {o}.' }, { o: u.reconsideration_organ }) : ''}
      </p>
    </Shell>
  );
}
