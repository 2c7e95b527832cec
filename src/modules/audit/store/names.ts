/**
 * Names for a page of audit rows: the acting user's display name and unit, each subject's title
 * and admin page — one query per kind of thing on the page, never one per row. Objects deleted
 * since keep their number (the sentence falls back to "#id").
 */
import type { Db } from '../../../core/db/index.ts';
import type { Locale } from '../../../core/render/i18n.ts';
import type { RowNames } from '../domain/sentences.ts';
import type { AuditRow } from './queries.ts';

type Named = { name: string; href?: string };
type Lookup = (db: Db, ids: string[], l: Locale) => Promise<Map<string, Named>>;

const ints = (ids: string[]) => ids.filter((x) => /^\d{1,9}$/.test(x)).map(Number);
/** ids for `in (…)`: never empty (-1 matches nothing) */
const ids_ = (ids: string[]) => (ints(ids).length ? ints(ids) : [-1]);
const byId = <T extends { id: number }>(rows: T[], f: (r: T) => Named) => new Map(rows.map((r) => [String(r.id), f(r)]));

const LOOKUPS: Record<string, Lookup> = {
  document: async (db, ids) =>
    byId(await db.selectFrom('documents').select(['id', 'title']).where('id', 'in', ids_(ids)).execute(), (r) => ({ name: r.title, href: `/admin/documents/${r.id}` })),
  request_case: async (db, ids) =>
    byId(await db.selectFrom('request_cases').select(['id', 'ref']).where('id', 'in', ids_(ids)).execute(), (r) => ({ name: r.ref, href: `/admin/requests/${r.id}` })),
  request_letter: async (db, ids) =>
    byId(await db.selectFrom('request_letters').select(['id', 'title', 'number', 'case_id']).where('id', 'in', ids_(ids)).execute(), (r) => ({ name: r.number ? `${r.title}（${r.number}）` : r.title, href: `/admin/requests/${r.case_id}` })),
  user: async (db, ids) =>
    byId(await db.selectFrom('users').select(['id', 'display_name', 'username']).where('id', 'in', ids_(ids)).execute(), (r) => ({ name: `${r.display_name}（${r.username}）`, href: `/admin/users/${r.id}` })),
  unit: async (db, ids, l) =>
    byId(await db.selectFrom('units').select(['id', 'name', 'name_en']).where('id', 'in', ids_(ids)).execute(), (r) => ({ name: l === 'en' && r.name_en ? r.name_en : r.name, href: `/admin/units/${r.id}` })),
  api_token: async (db, ids) =>
    byId(await db.selectFrom('api_tokens').select(['id', 'name', 'token_prefix']).where('id', 'in', ids_(ids)).execute(), (r) => ({ name: `${r.name}（${r.token_prefix}…）` })),
  doc_column: async (db, ids, l) =>
    byId(await db.selectFrom('doc_columns').select(['id', 'name_zh', 'name_en']).where('id', 'in', ids_(ids)).execute(), (r) => ({ name: l === 'en' ? r.name_en : r.name_zh })),
  media_account: async (db, ids) =>
    byId(await db.selectFrom('media_accounts').select(['id', 'name']).where('id', 'in', ids_(ids)).execute(), (r) => ({ name: `“${r.name}”`, href: `/admin/media/${r.id}` })),
  consultation: async (db, ids) =>
    byId(await db.selectFrom('consultations').select(['id', 'title']).where('id', 'in', ids_(ids)).execute(), (r) => ({ name: `“${r.title}”`, href: `/admin/consultations/${r.id}` })),
  decision: async (db, ids) =>
    byId(await db.selectFrom('decisions').select(['id', 'title']).where('id', 'in', ids_(ids)).execute(), (r) => ({ name: `“${r.title}”`, href: `/admin/consultations/decisions/${r.id}` })),
  service_guide: async (db, ids) =>
    byId(await db.selectFrom('service_guides').select(['id', 'name']).where('id', 'in', ids_(ids)).execute(), (r) => ({ name: `《${r.name}》`, href: `/admin/guides/${r.id}` })),
  service_bundle: async (db, ids) =>
    byId(await db.selectFrom('service_bundles').select(['id', 'name']).where('id', 'in', ids_(ids)).execute(), (r) => ({ name: `“${r.name}”`, href: `/admin/guides/bundles/${r.id}` })),
  doc_topic: async (db, ids, l) =>
    byId(await db.selectFrom('doc_topics').select(['id', 'name_zh', 'name_en']).where('id', 'in', ids_(ids)).execute(), (r) => ({ name: l === 'en' ? r.name_en : r.name_zh })),
  annual_report: async (db, ids, l) => {
    // subject ids are "unitId/year/kind"
    const parts = ids.map((id) => ({ id, m: /^(\d+)\/(\d{4})\/([a-z_]+)$/.exec(id) })).filter((p) => p.m);
    const units = new Map((await db.selectFrom('units').select(['id', 'short_name', 'name_en']).where('id', 'in', [-1, ...parts.map((p) => Number(p.m![1]))]).execute()).map((u) => [u.id, l === 'en' && u.name_en ? u.name_en : u.short_name]));
    return new Map(parts.map(({ id, m }) => {
      const unit = units.get(Number(m![1])) ?? `#${m![1]}`;
      return [id, { name: l === 'en' ? `${unit} annual report ${m![2]}` : `${unit}${m![2]}年度报告`, href: `/admin/reports/${m![1]}/${m![2]}/${m![3]}` }];
    }));
  },
};

export type NamesOf = (row: AuditRow) => RowNames;

/** Loads the names the rows need and returns a lookup for each row. */
export async function resolveNames(db: Db, rows: AuditRow[], l: Locale): Promise<NamesOf> {
  const actorIds = [...new Set(rows.map((r) => r.actor_id).filter((x): x is number => x !== null))];
  const actors = new Map(
    actorIds.length
      ? (await db.selectFrom('users as u').leftJoin('units as n', 'n.id', 'u.unit_id').select(['u.id', 'u.display_name', 'n.short_name', 'n.name_en']).where('u.id', 'in', actorIds).execute())
          .map((u) => [u.id, { displayName: u.display_name, unitName: l === 'en' && u.name_en ? u.name_en : u.short_name }])
      : [],
  );
  const byType = new Map<string, Set<string>>();
  for (const r of rows) if (r.subject_id !== null && LOOKUPS[r.subject_type]) (byType.get(r.subject_type) ?? byType.set(r.subject_type, new Set()).get(r.subject_type)!).add(r.subject_id);
  const subjects = new Map<string, Map<string, Named>>();
  await Promise.all([...byType].map(async ([type, ids]) => subjects.set(type, await LOOKUPS[type](db, [...ids], l))));
  return (r) => ({
    actor: r.actor_id !== null ? actors.get(r.actor_id) ?? null : null,
    subject: r.subject_id !== null ? subjects.get(r.subject_type)?.get(r.subject_id) ?? null : null,
  });
}

/** The unit an object belongs to (for the per-object history page's scope check). */
export async function subjectUnit(db: Db, type: string, id: string): Promise<number | null> {
  const n = ints([id])[0];
  if (n === undefined) return null;
  const row =
    type === 'document' ? await db.selectFrom('documents').select('unit_id').where('id', '=', n).executeTakeFirst()
    : type === 'request_case' ? await db.selectFrom('request_cases').select('unit_id').where('id', '=', n).executeTakeFirst()
    : type === 'user' ? await db.selectFrom('users').select('unit_id').where('id', '=', n).executeTakeFirst()
    : type === 'unit' ? await db.selectFrom('units').select('id as unit_id').where('id', '=', n).executeTakeFirst()
    : undefined;
  return row ? row.unit_id : null;
}

/** The objects whose rows belong in an object's history (a case: its letters too). */
export async function relatedSubjects(db: Db, type: string, id: string): Promise<{ type: string; ids: string[] }[]> {
  const out = [{ type, ids: [id] }];
  if (type === 'request_case') {
    const letters = await db.selectFrom('request_letters').select('id').where('case_id', '=', Number(id)).execute();
    if (letters.length) out.push({ type: 'request_letter', ids: letters.map((x) => String(x.id)) });
  }
  return out;
}
