/** The JSON shape of a published catalog row (`GET /api/v1/catalogs`), one TypeBox schema for validation, types and OpenAPI. */
import { Type } from '@sinclair/typebox';
import { areaName } from '../domain/areas.ts';
import { setText } from '../domain/rules.ts';
import type { RowWithState } from '../coverage.ts';
import type { CatalogRow } from '../store/queries.ts';

const Strs = Type.Array(Type.String());
export const CatalogRowJson = Type.Object({
  id: Type.Integer(), unit_code: Type.String(), unit_name: Type.String(), area: Type.String({ description: 'area code 01–26' }), area_name: Type.String(), year: Type.Integer(),
  seq: Type.Integer(), item1: Type.String({ description: '一级事项' }), item2: Type.String({ description: '二级事项' }), content: Type.String({ description: '公开内容（要素）' }),
  basis: Type.String({ description: '公开依据' }), deadline: Type.String({ description: '公开时限 as written' }),
  deadline_kind: Type.String({ description: 'workdays | days | realtime | ongoing' }), deadline_n: Type.Integer(),
  trigger: Type.Union([Type.String({ format: 'date' }), Type.Null()], { description: '信息形成或者变更之日 (start of the time limit)' }),
  subject: Type.String({ description: '公开主体' }),
  channels: Strs, channel_names: Type.String(), audiences: Strs, modes: Strs, levels: Strs,
  state: Type.String({ description: 'fulfilled | late | pending | overdue | missing' }), due: Type.Union([Type.String(), Type.Null()]), last_published: Type.Union([Type.String(), Type.Null()]),
  links: Type.Array(Type.Object({ kind: Type.String({ description: 'column | topic | document' }), label: Type.String(), url: Type.String() })),
  page: Type.String(),
});

export function apiRow(base: string, c: CatalogRow, r: RowWithState) {
  return {
    id: r.id, unit_code: c.unit_code, unit_name: c.unit_name, area: c.area, area_name: areaName(c.area).zh, year: c.year,
    seq: r.seq, item1: r.item1, item2: r.item2, content: r.content, basis: r.basis, deadline: r.deadline, deadline_kind: r.deadline_kind, deadline_n: r.deadline_n,
    trigger: r.trigger, subject: r.subject, channels: r.channels, channel_names: setText('channels', r.channels), audiences: r.audiences, modes: r.modes, levels: r.levels,
    state: r.status.state, due: r.status.due, last_published: r.status.published,
    links: r.links.map((l) => ({ kind: l.kind, label: l.label, url: base + l.href })),
    page: `${base}/u/${c.unit_slug}/catalogs?area=${c.area}&year=${c.year}`,
  };
}
