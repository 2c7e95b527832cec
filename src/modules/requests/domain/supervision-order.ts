/**
 * 督办 (#14.9): a supervisor's dated instruction on a case, addressed to its handler and the unit's
 * administrator, shown to them until the case is answered. Grounds: 条例 第四十七条 (the competent
 * department supervises and inspects disclosure work and urges correction) and 第五十二条 (the
 * organ's duty to handle applications lawfully and on time). Pure validation only.
 */
import { isIsoDate, type LocalizedText } from './rule-error.ts';

export const INSTRUCTION_MAX = 500;

export interface SupervisionOrderInput {
  instruction?: string;
  reply_by?: string;
}

export interface SupervisionOrder {
  instruction: string;
  replyBy: string | null;
}

export function validateSupervisionOrder(raw: SupervisionOrderInput, today: string): { ok: true; value: SupervisionOrder } | { ok: false; errors: Record<string, LocalizedText> } {
  const errors: Record<string, LocalizedText> = {};
  const instruction = (raw.instruction ?? '').replace(/\r\n?/g, '\n').trim();
  const replyBy = (raw.reply_by ?? '').trim() || null;
  if (!instruction) errors.instruction = { zh: '请填写督办意见', en: 'Write the instruction' };
  else if (instruction.length > INSTRUCTION_MAX) errors.instruction = { zh: `督办意见不超过${INSTRUCTION_MAX}字`, en: `At most ${INSTRUCTION_MAX} characters` };
  if (replyBy && (!isIsoDate(replyBy) || replyBy < today)) errors.reply_by = { zh: '办结期限无效或早于今天', en: 'The date is invalid or in the past' };
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: { instruction, replyBy } };
}
