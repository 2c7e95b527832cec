/**
 * TypeBox schemas of the documents API (validation, response serialisation and the OpenAPI
 * document at /api/docs/json) and the presenters that shape rows into them. Read responses use
 * snake_case like the rest of /api/v1; write bodies use the field names of the import format
 * (docs/import-format.md) so one vocabulary covers import and API.
 */
import { Type, type TSchema } from '@sinclair/typebox';
import type { DocumentDetail, DocumentListItem } from '../store/repository.ts';
import { attachmentUrl } from '../store/attachments.ts';
import { DOC_TYPES, findTopic, INTERPRETATION_KINDS, LEGAL_FORMS, VALIDITY, docTypeOf, validityOf } from '../domain/taxonomy.ts';

const N = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const DateStr = Type.String({ format: 'date', description: 'YYYY-MM-DD (Asia/Shanghai calendar day)' });
const codes = (list: readonly { code: string }[]) => list.map((x) => x.code).join(', ');

export const UnitBrief = Type.Object({ code: Type.String(), name: Type.String(), slug: Type.String() });
export const DocRefJson = Type.Object({ id: Type.Integer(), index_no: Type.String(), title: Type.String(), publish_date: N(DateStr), interpretation_kind: N(Type.String()) });
export const TopicJson = N(Type.Object({ code: Type.String(), name: Type.String() }));

export const ListItemJson = Type.Object({
  id: Type.Integer(),
  index_no: Type.String({ description: '索引号' }),
  title: Type.String({ description: '标题' }),
  summary: N(Type.String({ description: '内容概述' })),
  doc_number: N(Type.String({ description: '文号 (GB/T 9704 form)' })),
  doc_type: N(Type.String({ description: `公文种类: ${codes(DOC_TYPES)}` })),
  doc_type_name: N(Type.String()),
  legal_form: Type.String({ description: `文件类别: ${codes(LEGAL_FORMS)}` }),
  written_date: N(DateStr),
  publish_date: N(DateStr),
  published_at: Type.String({ format: 'date-time' }),
  effective_date: N(DateStr),
  expiry_date: N(DateStr),
  topic: TopicJson,
  validity: N(Type.String({ description: `有效性: ${codes(VALIDITY)}` })),
  validity_name: N(Type.String()),
  keywords: Type.Array(Type.String()),
  source: N(Type.String()),
  interprets_id: N(Type.Integer()),
  interpretation_kind: N(Type.String({ description: `解读形式: ${codes(INTERPRETATION_KINDS)}` })),
  unit: UnitBrief,
  issuers: Type.Array(Type.String(), { description: '发文机关, lead body first' }),
  updated_at: Type.String({ format: 'date-time' }),
  url: Type.String({ description: 'this document in the API' }),
});

export const ListJson = Type.Object({
  data: Type.Array(ListItemJson),
  next_cursor: N(Type.String({ description: 'pass as `cursor` for the next page; null at the end' })),
});

export const AttachmentJson = Type.Object({ id: Type.Integer(), filename: Type.String(), mime: Type.String(), size: Type.Integer(), sha256: Type.String(), url: Type.String() });

export const DetailJson = Type.Object({
  ...ListItemJson.properties,
  published_at: N(Type.String({ format: 'date-time' })),
  normative_reg_no: N(Type.String({ description: '规范性文件登记号' })),
  disclosure: Type.String({ description: '公开属性: proactive, on_request, withheld' }),
  body_html: Type.String({ description: 'sanitised rich text' }),
  issuer_units: Type.Array(Type.Object({ name: Type.String(), unit_code: N(Type.String()) })),
  columns: Type.Array(Type.Object({ unit_code: Type.String(), slug: Type.String(), name: Type.String() })),
  topics: Type.Array(Type.Object({ key: Type.String(), name: Type.String() })),
  interprets: N(DocRefJson),
  interpretations: Type.Array(DocRefJson),
  amended_by: N(DocRefJson),
  repealed_by: N(DocRefJson),
  attachments: Type.Array(AttachmentJson),
  // present for authenticated readers only
  status: Type.Optional(Type.String()),
  version: Type.Optional(Type.Integer()),
  external_id: Type.Optional(N(Type.String())),
  timeliness_workdays: Type.Optional(N(Type.Integer())),
  timeliness_art26_overdue: Type.Optional(N(Type.Boolean())),
  timeliness_policy_overdue: Type.Optional(N(Type.Boolean())),
});

export const ErrorJson = Type.Object({
  error: Type.Object({ code: Type.String(), message: Type.String(), fields: Type.Optional(Type.Record(Type.String(), Type.String())) }),
});

export const WithdrawnJson = Type.Object({
  error: Type.Object({ code: Type.Literal('withdrawn'), message: Type.String() }),
  id: Type.Integer(),
  title: Type.String(),
  withdrawn_at: N(Type.String({ format: 'date-time' })),
});

export const ListQuery = Type.Object({
  unit: Type.Optional(Type.String({ maxLength: 40, description: 'unit code (统一社会信用代码) or site slug, as in /api/v1/search' })),
  subtree: Type.Optional(Type.Union([Type.Literal('1'), Type.Literal('0'), Type.Literal('true'), Type.Literal('false')], { description: '1: include the unit’s descendants' })),
  column: Type.Optional(Type.String({ maxLength: 80, description: 'column slug of `unit` (or a numeric column id); includes sub-columns' })),
  topic: Type.Optional(Type.String({ maxLength: 120, description: '专题 key, e.g. six-stabilities-six-guarantees (includes its sections)' })),
  type: Type.Optional(Type.String({ maxLength: 40, description: `公文种类: ${codes(DOC_TYPES)}` })),
  legal_form: Type.Optional(Type.String({ maxLength: 40 })),
  doc_number: Type.Optional(Type.String({ maxLength: 60, description: '文号 or a part of it, any bracket style' })),
  published_from: Type.Optional(DateStr),
  published_to: Type.Optional(DateStr),
  written_from: Type.Optional(DateStr),
  written_to: Type.Optional(DateStr),
  validity: Type.Optional(Type.String({ maxLength: 40 })),
  cursor: Type.Optional(Type.String({ maxLength: 200 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'documents per page, default 20' })),
  per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, description: 'the same as `limit` (the name /api/v1/search uses); `limit` wins when both are given' })),
});

const Ref = Type.Union([Type.String({ maxLength: 64 }), Type.Integer()], { description: 'document id or 索引号' });
export const DocumentBody = Type.Object({
  title: Type.Optional(Type.String({ maxLength: 400 })),
  summary: Type.Optional(N(Type.String({ maxLength: 4000 }))),
  issuingUnits: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20, description: 'unit codes, or names of bodies outside the platform; lead first' })),
  docNumber: Type.Optional(N(Type.String({ maxLength: 80 }))),
  docType: Type.Optional(N(Type.String({ maxLength: 40 }))),
  legalForm: Type.Optional(N(Type.String({ maxLength: 40 }))),
  normativeRegNo: Type.Optional(N(Type.String({ maxLength: 80 }))),
  writtenDate: Type.Optional(N(Type.String({ maxLength: 10 }))),
  changedDate: Type.Optional(N(Type.String({ maxLength: 10 }))),
  effectiveDate: Type.Optional(N(Type.String({ maxLength: 10 }))),
  expiryDate: Type.Optional(N(Type.String({ maxLength: 10 }))),
  topic: Type.Optional(N(Type.String({ maxLength: 10, description: '主题分类 code, e.g. 0201' }))),
  validity: Type.Optional(N(Type.String({ maxLength: 40 }))),
  amendedBy: Type.Optional(N(Ref)),
  repealedBy: Type.Optional(N(Ref)),
  keywords: Type.Optional(N(Type.Union([Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 }), Type.String({ maxLength: 400 })]))),
  source: Type.Optional(N(Type.String({ maxLength: 200 }))),
  disclosure: Type.Optional(Type.String({ maxLength: 20, description: 'proactive, on_request, withheld' })),
  disclosureReason: Type.Optional(N(Type.String({ maxLength: 1000 }))),
  withheldGround: Type.Optional(N(Type.String({ maxLength: 40 }))),
  columns: Type.Optional(Type.Array(Type.String({ maxLength: 80 }), { maxItems: 50 })),
  topics: Type.Optional(Type.Array(Type.String({ maxLength: 120 }), { maxItems: 20 })),
  interpretationOf: Type.Optional(N(Ref)),
  interpretationKind: Type.Optional(N(Type.String({ maxLength: 20 }))),
  bodyHtml: Type.Optional(N(Type.String({ maxLength: 2_000_000 }))),
  externalId: Type.Optional(N(Type.String({ maxLength: 200 }))),
});

export const CreateBody = Type.Object({ unit: Type.String({ maxLength: 40, description: 'code of the owning unit' }), ...DocumentBody.properties });
export const PatchBody = Type.Object({
  ...DocumentBody.properties,
  acknowledgePersonalData: Type.Optional(Type.Boolean()),
  changeNote: Type.Optional(Type.String({ maxLength: 500 })),
});
export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) });

// --- presenters ---------------------------------------------------------------------------------

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
const topicOf = (code: string | null) => {
  const t = code ? findTopic(code) : null;
  return t ? { code: code!, name: t.pathZh } : null;
};

export function presentListItem(d: DocumentListItem) {
  return {
    ...d,
    doc_type_name: docTypeOf(d.doc_type)?.zh ?? null,
    validity_name: validityOf(d.validity)?.zh ?? null,
    topic: topicOf(d.topic_code),
    published_at: iso(d.published_at)!,
    updated_at: iso(d.updated_at)!,
    unit: { code: d.unit_code, name: d.unit_name, slug: d.unit_slug },
    url: `/api/v1/documents/${d.id}`,
  };
}

const ref = (r: { id: number; index_no: string; title: string; publish_date: string | null; interpretation_kind: string | null } | null) =>
  r ? { id: r.id, index_no: r.index_no, title: r.title, publish_date: r.publish_date, interpretation_kind: r.interpretation_kind } : null;

export function presentDetail(d: DocumentDetail, internal = false) {
  const base = {
    id: d.id, index_no: d.index_no, title: d.title, summary: d.summary, doc_number: d.doc_number, doc_type: d.doc_type,
    doc_type_name: docTypeOf(d.doc_type)?.zh ?? null, legal_form: d.legal_form, normative_reg_no: d.normative_reg_no,
    written_date: d.written_date, publish_date: d.publish_date, published_at: iso(d.published_at), effective_date: d.effective_date,
    expiry_date: d.expiry_date, topic: topicOf(d.topic_code), validity: d.validity, validity_name: validityOf(d.validity)?.zh ?? null,
    keywords: d.keywords ?? [], source: d.source, interprets_id: d.interprets_id, interpretation_kind: d.interpretation_kind,
    unit: { code: d.unit.code, name: d.unit.name, slug: d.unit.slug }, issuers: d.issuers.map((i) => i.name),
    updated_at: iso(d.updated_at)!, url: `/api/v1/documents/${d.id}`, disclosure: d.disclosure, body_html: d.body_html,
    issuer_units: d.issuers.map((i) => ({ name: i.name, unit_code: i.unit_code })),
    columns: d.columns.map((c) => ({ unit_code: d.unit.code, slug: c.slug, name: c.name_zh })),
    topics: d.topics.map((t) => ({ key: t.key, name: t.name_zh })),
    interprets: ref(d.interprets), interpretations: d.interpretations.map((r) => ref(r)!), amended_by: ref(d.amendedBy), repealed_by: ref(d.repealedBy),
    attachments: d.attachments.map((a) => ({ id: a.id, filename: a.filename, mime: a.mime, size: a.size, sha256: a.sha256, url: attachmentUrl(a) })),
  };
  if (!internal) return base;
  return {
    ...base, status: d.status, version: d.version, external_id: d.external_id, timeliness_workdays: d.timeliness_workdays,
    timeliness_art26_overdue: d.timeliness_art26_overdue, timeliness_policy_overdue: d.timeliness_policy_overdue,
  };
}
