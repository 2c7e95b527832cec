/**
 * Redaction (脱敏) of chosen personal numbers in a document and its whole version history
 * (条例 第十五条: personal privacy is not disclosed; 第五十三条 keeps versions, which must then not
 * keep the numbers either).
 *
 *   redactPersonalData(db, ctx, documentId, {keys, style}) → CommandResult
 *
 * `keys` are the form's handles (store/pii-scan.ts findingKey) of the numbers to hide; the numbers
 * themselves never travel in the request or into the audit log, which records that a redaction
 * happened, how many numbers of which kinds, and where. The title, summary, keywords, source, body
 * and attachment names are rewritten, and so is every stored version snapshot, so the diff of the
 * history shows the masked form. Text inside an attachment's file cannot be edited here: the
 * review page says so, and the file must be replaced. No new version is made — the redaction
 * changes no content a reader needs, and the old versions are masked alike.
 * Policy: document.redact (editors, reviewers and administrators of the unit), any status.
 */
import type { Db } from '../../../core/db/index.ts';
import { recordAudit } from '../../../core/audit/index.ts';
import { authorize, type CommandContext } from '../../../core/commands/context.ts';
import { invalid } from '../../../core/http/errors.ts';
import type { Msg } from '../../../core/render/i18n.ts';
import '../policy.ts';
import { findPersonalData, normalizedValue, type MaskStyle, type PersonalDataKind } from '../domain/pii.ts';
import { redactHtml, redactSnapshot, redactText } from '../domain/redact.ts';
import { htmlToText } from '../domain/sanitize.ts';
import type { VersionSnapshot } from '../domain/diff.ts';
import { done, load, recountPersonalData, type CommandResult } from '../commands.ts';
import { findingKey } from './pii-scan.ts';

export interface RedactInput {
  /** findingKey of each number to hide */
  keys: string[];
  style?: MaskStyle;
}

const parse = (snapshot: unknown) => (typeof snapshot === 'string' ? JSON.parse(snapshot) : snapshot) as VersionSnapshot;

export async function redactPersonalData(db: Db, ctx: CommandContext, id: number, input: RedactInput, opts: { now?: Date } = {}): Promise<CommandResult> {
  const now = opts.now ?? new Date();
  const style: MaskStyle = input.style === 'full' ? 'full' : 'partial';
  const wanted = new Set(input.keys.filter((k) => typeof k === 'string' && /^[0-9a-f]{20}$/.test(k)));
  if (!wanted.size) throw invalid({ keys: { zh: '请选择要脱敏的号码', en: 'Choose the numbers to redact' } });
  return done(db, async (tx) => {
    const d = await load(tx, id);
    authorize(ctx, 'document.redact', d.unit.path);
    const versions = await tx.selectFrom('document_versions').select(['id', 'snapshot']).where('document_id', '=', d.id).orderBy('version').execute();
    const atts = await tx.selectFrom('document_attachments').select(['id', 'filename']).where('document_id', '=', d.id).execute();

    // the chosen numbers, from everywhere they may appear
    const only = new Set<string>();
    const kinds: Partial<Record<PersonalDataKind, number>> = {};
    const texts = [d.title, d.summary ?? '', d.source ?? '', ...d.keywords, d.body_text, ...atts.map((a) => a.filename), ...versions.map((v) => JSON.stringify(parse(v.snapshot)))];
    for (const m of texts.flatMap((x) => findPersonalData(x))) {
      const n = normalizedValue(m.value);
      if (!wanted.has(findingKey(d.id, m.value)) || only.has(n)) continue;
      only.add(n);
      kinds[m.kind] = (kinds[m.kind] ?? 0) + 1;
    }
    if (!only.size) throw invalid({ keys: { zh: '所选号码已不在本文件中（可能已被修改或脱敏），请刷新页面', en: 'The chosen numbers are no longer in this document; reload the page' } });
    const o = { only, style };

    let replaced = 0;
    const text = (s: string) => {
      const r = redactText(s, o);
      replaced += r.count;
      return r.value;
    };
    const body = redactHtml(d.body_html, o);
    replaced += body.count;
    const fields = { title: text(d.title), summary: d.summary === null ? null : text(d.summary), source: d.source === null ? null : text(d.source), keywords: d.keywords.map(text) };
    await tx.updateTable('documents').set({ ...fields, body_html: body.value, body_text: htmlToText(body.value), updated_at: now, updated_by: ctx.audit.id }).where('id', '=', d.id).execute();
    for (const a of atts) {
      const name = text(a.filename);
      if (name !== a.filename) await tx.updateTable('document_attachments').set({ filename: name }).where('id', '=', a.id).execute();
    }
    let versionsChanged = 0;
    let missed = body.missed;
    for (const v of versions) {
      const r = redactSnapshot(parse(v.snapshot), o);
      missed += r.missed;
      if (!r.count) continue;
      replaced += r.count;
      versionsChanged++;
      await tx.updateTable('document_versions').set({ snapshot: JSON.stringify(r.value) }).where('id', '=', v.id).execute();
    }
    const pii = await recountPersonalData(tx, d.id);
    await recordAudit(tx, ctx.audit, {
      action: 'document.redact', unitId: d.unit_id, subjectType: 'document', subjectId: d.id,
      // what and where, never the numbers
      summary: { index_no: d.index_no, numbers: only.size, kinds, style, replaced, versions: versionsChanged, missed, remaining_findings: pii.n },
    });
    const warnings: Msg[] = [{ zh: `已脱敏 ${only.size} 个号码（共 ${replaced} 处，含 ${versionsChanged} 个历史版本）。`, en: `${only.size} number(s) redacted (${replaced} place(s), ${versionsChanged} older version(s)).` }];
    if (missed) warnings.push({ zh: `另有 ${missed} 处因正文格式无法自动脱敏，请在正文中手工修改。`, en: `${missed} place(s) could not be redacted automatically because of the body’s markup; edit them by hand.` });
    return { id: d.id, warnings, kind: d.status === 'published' ? 'edit' : null };
  });
}
