/**
 * Messages kept after a storage error (`messages_kept`, commands/public.ts) and how staff recover them
 * (core/commands/kept.ts): those who handle the unit's messages enter each as a normal received message
 * under the tracking number and query code the asker was given (a new number only if that one was taken
 * meanwhile), with its attachments and original dates; the kept row is deleted; audited.
 */
import { recordAudit } from '../../../core/audit/index.ts';
import type { KeptKind } from '../../../core/commands/kept.ts';
import { makeTrackingNo } from '../../requests/http/guard.ts';
import { encryptPii } from '../../../core/pii/crypto.ts';
import { insertMessage, type KeptMessage } from './public.ts';

export const KEPT_MESSAGES: KeptKind = {
  table: 'messages_kept',
  parent: { table: 'units', column: 'unit_id' },
  rule: 'message.handle',
  action: 'message.recover',
  discardAction: 'message.discard',
  subjectType: 'message',
  what: { zh: '暂存留言', en: 'kept message' },
  async insert(tx, raw, kept, keys) {
    const p = raw as unknown as KeptMessage;
    let trackingNo = p.trackingNo;
    for (let i = 0; i < 5 && (await tx.selectFrom('messages').select('id').where('tracking_no', '=', trackingNo).executeTakeFirst()); i++) trackingNo = `LY${makeTrackingNo(p.receivedOn)}`;
    const id = await insertMessage(tx, keys, {
      unitId: kept.unit_id, trackingNo, queryCodeHash: p.queryCodeHash, value: p, nameEnc: p.name ? encryptPii(keys, 'name', p.name) : null, contactEnc: encryptPii(keys, 'contact', p.contact),
      receivedOn: p.receivedOn, dueOn: p.dueOn, createdAt: new Date(p.at), files: (p.files ?? []).map((f) => ({ ...f, data: Buffer.from(f.base64, 'base64') })),
    });
    await recordAudit(tx, { id: null, name: 'citizen' }, { action: 'message.submit', unitId: kept.unit_id, subjectType: 'message', subjectId: id, summary: { tracking_no: trackingNo, category: p.category, chars: p.body.length, attachments: p.files?.length ?? 0, recovered: kept.id } });
    return { id, summary: { tracking_no: trackingNo, tracking_no_given: p.trackingNo } };
  },
};
