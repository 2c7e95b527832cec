/**
 * The guard's fields inside a public form (core/http/antispam.ts): the honeypot, hidden from people
 * and from screen readers; the signed token; and the check question as an ordinary labelled field.
 */
import { tr } from './i18n.ts';
import { Field, type ViewContext } from './page.tsx';
import { ANTISPAM, type Challenge } from '../http/antispam.ts';
import type { Msg } from './i18n.ts';

export function GuardFields(p: { c: ViewContext; challenge: Challenge; errors?: Record<string, Msg> }) {
  const { c } = p;
  return (
    <>
      <input type="hidden" name={ANTISPAM.tokenField} value={p.challenge.token} />
      <div class="hp" aria-hidden="true">
        <label for="f-hp-website">{tr(c.l, { zh: '请勿填写此项', en: 'Leave this empty' })}</label>
        <input id="f-hp-website" name={ANTISPAM.honeypot} type="text" value="" autoComplete="off" tabIndex={-1} />
      </div>
      <Field c={c} name={ANTISPAM.answerField} label={tr(c.l, { zh: '验证问题', en: 'Check question' })} hint={tr(c.l, p.challenge.question)} errors={p.errors} required autocomplete="off" />
    </>
  );
}
