/**
 * The reply to an application (政府信息公开申请答复书), one template per result of Art. 36 and per row of
 * table 3 (dispositions.ts). Each reply: salutation, what was received, the finding, the decision with
 * the articles it rests on, the remedies clause where the result refuses, limits or ends the request,
 * and the organ's signature.
 */
import type { Block, DocModel } from '../../../core/docs/model.ts';
import { body } from '../../../core/docs/model.ts';
import { citedArticles, citedOtherBasis, DISPOSITIONS, type Disposition, type DispositionKey } from './dispositions.ts';
import {
  cite,
  cnDate,
  contactLine,
  LetterError,
  letterModel,
  numberedItems,
  receivedSentence,
  remediesClause,
  salutation,
  scrub,
  you,
  type LetterBase,
} from './letter-parts.ts';

export interface ReplyData extends LetterBase {
  disposition: Disposition;
  /** Facts from the case that some replies recite (the correction, the fee notice, the withdrawal). */
  context?: {
    correction?: { requestedOn: string; correctBy: string; correctedOn?: string };
    fee?: { noticeOn: string; payBy: string };
    /** Art. 35: when the applicant was asked for reasons, and by when. */
    reasons?: { requestedOn: string; replyBy: string };
    withdrawnOn?: string;
  };
}

/** 答复书 for a decision on the request; 告知书 when the case ended without one (rows 3.3.6.x). */
export function replyDocumentName(key: DispositionKey): '答复书' | '告知书' {
  return DISPOSITIONS[key].row.startsWith('3.3.6') ? '告知书' : '答复书';
}

export function replyTitle(organ: string, key: DispositionKey): string {
  return replyDocumentName(key) === '答复书' ? `${organ}\n政府信息公开申请答复书` : `${organ}\n政府信息公开申请终止办理告知书`;
}

/** What each ground of refusal says about the information (Arts. 14–16, 36(7)). */
const REFUSAL_FINDING: Record<string, string> = {
  refuse_state_secret: '属于依法确定为国家秘密的政府信息',
  refuse_law_prohibited: '属于法律、行政法规禁止公开的政府信息',
  refuse_security_stability: '公开后可能危及国家安全、公共安全、经济安全、社会稳定',
  refuse_third_party: '涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害',
  refuse_internal_affairs: '属于人事管理、后勤管理、内部工作流程等方面的内部事务信息',
  refuse_process_info: '属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息',
  refuse_enforcement_file: '属于行政执法案卷信息',
  refuse_admin_query: '属于有关法律、行政法规对信息的获取另有特别规定的信息（如工商、不动产登记资料等）',
};

const need = <T>(v: T | undefined | null, what: string): T => {
  if (v === undefined || v === null || (typeof v === 'string' && !v.trim())) {
    throw new LetterError('missing_data', `答复书缺少${what}`, `the reply lacks ${what}`);
  }
  return v;
};

/** The finding and decision paragraphs of each result. `basis` is “根据《条例》…的规定”. */
function decision(d: ReplyData, basis: string): Block[] {
  const dp = d.disposition;
  const y = you(d);
  const reason = dp.reason ? scrub(dp.reason.trim().replace(/[。；;，,]$/, '')) + '。' : '';
  switch (dp.key) {
    case 'already_public':
      return [body(`经查，${y}申请获取的政府信息已经主动公开。${basis}，现告知${y}获取该政府信息的方式和途径：${need(dp.access, '获取方式')}。`)];
    case 'release':
      return [
        body(`经查，${y}申请获取的政府信息属于可以公开的政府信息。${basis}，本机关向${y}提供下列政府信息：`),
        ...numberedItems(need(dp.released, '提供的信息').map((r) => scrub(r.description))),
        body(`提供方式：${need(dp.provision, '提供方式')}。`),
      ];
    case 'partial': {
      const withheld = need(dp.withheld, '不予公开的部分');
      return [
        body(`经查，${y}申请获取的政府信息中含有不应当公开的内容，但能够作区分处理。${basis}，本机关向${y}提供可以公开的部分：`),
        ...numberedItems(need(dp.released, '提供的信息').map((r) => scrub(r.description))),
        body(`提供方式：${need(dp.provision, '提供方式')}。`),
        body('对不予公开的部分，说明理由如下：'),
        ...numberedItems(
          withheld.map((w) => {
            const own = DISPOSITIONS[w.ground].articles.filter((a) => !a.startsWith('第三十六条'));
            return `${scrub(w.description)}：该部分内容${REFUSAL_FINDING[w.ground]}。${scrub(w.reason.trim().replace(/[。；;]$/, ''))}（依据${cite(own)}）。`;
          }),
        ),
      ];
    }
    case 'refuse_admin_query':
      return [
        body(`经审查，${y}申请获取的信息${REFUSAL_FINDING[dp.key]}。${reason}${basis}，请${y}依照有关法律、行政法规的规定办理：${need(dp.procedure, '应当依照办理的程序')}。`),
      ];
    case 'refuse_state_secret':
    case 'refuse_law_prohibited':
    case 'refuse_security_stability':
    case 'refuse_third_party':
    case 'refuse_internal_affairs':
    case 'refuse_process_info':
    case 'refuse_enforcement_file':
      return [body(`经审查，${y}申请获取的信息${REFUSAL_FINDING[dp.key]}。具体理由如下：${need(reason, '不予公开的理由')}${basis}，本机关决定不予公开。`)];
    case 'not_held':
      return [body(`本机关经检索，没有${y}所申请公开的政府信息。${reason}${basis}，现告知${y}该政府信息不存在。`)];
    case 'not_responsible': {
      const h = dp.holder;
      const holder = h?.name?.trim()
        ? `负责公开该政府信息的行政机关为${h.name.trim()}${h.contact?.trim() ? `（联系方式：${h.contact.trim()}）` : ''}，${y}可以向该机关提出申请。`
        : '';
      return [body(`经审查，${y}申请获取的政府信息不属于本机关负责公开的范围。${need(reason, '理由')}${basis}，特此告知。${holder}`)];
    }
    case 'needs_creation':
      return [
        body(
          `经审查，本机关没有${y}所申请的现成信息；向${y}提供该信息，需要本机关对现有政府信息进行加工、分析或者另行制作。` +
            `行政机关向申请人提供的应当是已经制作或者获取的政府信息。${reason}${basis}，本机关不予提供。`,
        ),
      ];
    case 'unclear_after_correction': {
      const c = d.context?.correction;
      const history = c?.correctedOn
        ? `本机关已于${cnDate(c.requestedOn)}向${y}发出补正告知，${y}于${cnDate(c.correctedOn)}提交了补正后的申请。`
        : `本机关已向${y}发出补正告知，${y}提交了补正后的申请。`;
      return [
        body(
          `${history}经审查，补正后的申请内容仍不明确，本机关无法据此确定${y}所需的政府信息。${reason}${basis}，本机关无法提供。` +
            `${y}可以在写明所需政府信息的名称、文号或者其他特征性描述后重新提出申请。`,
        ),
      ];
    }
    case 'petition_complaint':
      return [
        body(
          `经审查，${y}提出的申请实质上属于信访、投诉、举报事项，不属于政府信息公开申请。${reason}${basis}，本机关不作为政府信息公开申请处理。` +
            `${y}可以${dp.procedure?.trim() ? `通过${dp.procedure.trim()}` : '通过信访、投诉、举报等相应渠道'}反映有关诉求。`,
        ),
      ];
    case 'repeat_request': {
      const prev = need(dp.previous, '此前的答复');
      return [
        body(
          `本机关已于${cnDate(prev.date)}就${y}提出的相同内容的政府信息公开申请作出答复${prev.number ? `（${prev.number}）` : ''}。` +
            `${y}此次申请公开的政府信息与前次相同。${basis}，本机关不予重复处理。`,
        ),
      ];
    }
    case 'publication':
      return [body(`经审查，${y}申请获取的是政府公报、报刊、书籍等公开出版物。${basis}，${y}可以通过以下途径获取：${need(dp.access, '获取途径')}。`)];
    case 'excessive_requests': {
      const r = d.context?.reasons;
      const asked = r ? `本机关于${cnDate(r.requestedOn)}要求${y}于${cnDate(r.replyBy)}前说明理由。` : `本机关已要求${y}说明理由。`;
      return [
        body(
          `${y}提出的政府信息公开申请的数量、频次明显超过合理范围，${asked}${need(reason, '理由')}` +
            `经审查，本机关认为申请理由不合理。${basis}，本机关对该申请不予处理。`,
        ),
      ];
    }
    case 'confirm_or_reissue':
      return [
        body(
          `经审查，${y}的申请是要求本机关对已经获取的信息予以确认或者重新出具，不属于申请获取行政机关已制作或者获取的政府信息。${reason}${basis}，本机关不作为政府信息公开申请处理。`,
        ),
      ];
    case 'correction_lapsed': {
      const c = need(d.context?.correction, '补正告知的日期和补正期限');
      return [
        body(
          `本机关于${cnDate(c.requestedOn)}向${y}发出补正告知，请${y}于${cnDate(c.correctBy)}前补正。截至补正期限届满，本机关未收到补正后的申请，${y}也未说明正当理由。` +
            `${basis}，${y}的申请视为放弃，本机关不再处理该政府信息公开申请。`,
        ),
      ];
    }
    case 'fee_unpaid': {
      const f = need(d.context?.fee, '收费通知的日期和缴费期限');
      return [
        body(
          `本机关于${cnDate(f.noticeOn)}向${y}发出收费通知，请${y}于${cnDate(f.payBy)}前缴纳信息处理费。截至缴费期限届满，${y}未按要求缴纳。` +
            `${basis}，本机关不再处理该政府信息公开申请。`,
        ),
      ];
    }
    case 'withdrawn': {
      const on = d.context?.withdrawnOn;
      return [body(`${y}${on ? `于${cnDate(on)}` : '已'}撤回该政府信息公开申请。本机关对该申请终止办理。`)];
    }
    case 'other':
      return [body(`经审查，${need(reason, '处理理由')}本机关对该申请终止办理。`)];
  }
}

export function buildReply(d: ReplyData): DocModel {
  const key = d.disposition.key;
  const meta = DISPOSITIONS[key];
  if (!meta) throw new LetterError('missing_data', `无法识别的答复结果：${key}`, `unknown disposition ${key}`);
  const docName = replyDocumentName(key);
  const articles = citedArticles(d.disposition);
  const basis = articles.length || citedOtherBasis(d.disposition).length ? `根据${cite(articles, citedOtherBasis(d.disposition))}的规定` : '';
  const blocks: Block[] = [salutation(d.applicant.name), body(`${receivedSentence(d)}现${docName === '答复书' ? '答复' : '告知'}如下：`)];
  blocks.push(...decision({ ...d, request: scrub(d.request) }, basis));
  if (meta.remedies) blocks.push(remediesClause(d, docName));
  blocks.push(...contactLine(d));
  blocks.push(body(docName === '答复书' ? '特此答复。' : '特此告知。', { keepWithNext: true }));
  return letterModel(d, replyTitle(d.organ.name, key), blocks, meta.label.zh);
}
