/** /admin/portal/settings: the footer every public page shows (system admins only). */
import { ErrorSummary, Field, t, type ViewContext } from '../../../core/render/page.tsx';
import { tr, type Msg } from '../../../core/render/i18n.ts';
import type { SiteFooter } from '../../../core/render/site-footer.tsx';
import { AdminPage } from '../../admin/layout.tsx';
import { FORM_FIELDS, LABELS, type FormField } from '../domain/settings.ts';

const HINTS: Partial<Record<FormField, Msg>> = {
  icp_no: { zh: '如：辽ICP备12345678号-1；留空则不显示', en: 'e.g. 辽ICP备12345678号-1; leave empty to hide' },
  psb_no: { zh: '如：辽公网安备21130202000123号；留空则不显示', en: 'e.g. 辽公网安备21130202000123号; leave empty to hide' },
  find_error_url: { zh: '国务院办公厅政府网站“我为政府网站找错”平台为本网站分配的地址；留空则不显示', en: 'The address the national error-report service gives this site; leave empty to hide' },
  conac_url: { zh: '党政机关网站标识指向的机构编制部门登记页面；留空则不显示标识', en: 'The registration page the mark links to; leave empty to hide the mark' },
};

export function PortalSettingsPage(p: { c: ViewContext; current: SiteFooter; values?: Record<string, string>; errors?: Record<string, Msg>; saved?: boolean; customImage: boolean }) {
  const { c } = p;
  const T = t(c);
  const title = T({ zh: '门户网站页脚设置', en: 'Portal footer settings' });
  const labels = Object.fromEntries(Object.entries(LABELS).map(([k, v]) => [k, tr(c.l, v)]));
  const formLabels: Record<string, string> = { ...Object.fromEntries((Object.entries(FORM_FIELDS) as [FormField, keyof SiteFooter][]).map(([f, k]) => [f, labels[k]])), conac_image: labels.conac_image };
  const value = (f: FormField) => p.values?.[f] ?? p.current[FORM_FIELDS[f]];
  return (
    <AdminPage c={c} title={title} current="portal" crumbs={[{ href: '/admin', label: T({ zh: '工作台', en: 'Dashboard' }) }, { label: title }]}>
      <h1>{title}</h1>
      <p class="hint">{T({ zh: '以下内容显示在每个公开页面的页脚（《政府网站发展指引》）。保存后数秒内生效，并记入审计日志。', en: 'Shown in the footer of every public page. A change shows within seconds and is recorded in the audit log.' })}</p>
      {p.saved ? <div class="notice" role="status"><p>{T({ zh: '已保存。', en: 'Saved.' })}</p></div> : null}
      <ErrorSummary c={c} errors={p.errors} labels={formLabels} />
      <form method="post" action="/admin/portal/settings" enctype="multipart/form-data">
        <input type="hidden" name="_csrf" value={c.csrf} />
        {(Object.keys(FORM_FIELDS) as FormField[]).map((f) => (
          <Field c={c} name={f} label={formLabels[f]} value={value(f)} required={f === 'sponsor'} errors={p.errors} hint={HINTS[f] ? tr(c.l, HINTS[f]) : undefined}
            type={f === 'contact_email' ? 'email' : f.endsWith('_url') ? 'url' : 'text'} />
        ))}
        <Field c={c} name="conac_image" label={formLabels.conac_image} errors={p.errors} hint={T({ zh: 'PNG、JPEG 或 GIF，不超过 200 KB；不上传则保留当前图片', en: 'PNG, JPEG or GIF, at most 200 KB; keep the current one by choosing none' })}>
          <input id="f-conac_image" name="conac_image" type="file" accept="image/png,image/jpeg,image/gif" aria-describedby="f-conac_image-hint" />
        </Field>
        <p><img src={p.current.conacImage} width={55} height={67} alt={T({ zh: '当前的党政机关网站标识', en: 'The current mark' })} /></p>
        {p.customImage ? (
          <div class="field checkbox"><label><input type="checkbox" name="remove_image" value="1" /> {T({ zh: '恢复默认图片', en: 'Return to the default image' })}</label></div>
        ) : null}
        <p><button type="submit">{T({ zh: '保存', en: 'Save' })}</button></p>
      </form>
    </AdminPage>
  );
}
