/**
 * Tables of the agency module: 机关职能 (functions), 内设机构 (internal departments) and 领导信息
 * (leaders, with photos) as each unit edits them — the draft — and the versions it published.
 * 条例 第二十条第（二）项 asks every organ to publish 机关职能、机构设置、办公地址、办公时间、联系方式、
 * 负责人姓名; address, hours, contacts and the responsible official live in the units registry.
 */
import { sql, type Kysely, type Migration } from 'kysely';

export const migrations: Record<string, Migration> = {
  '0700_agency': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table agency_profiles (
          unit_id integer primary key references units(id),
          functions text not null default '',
          updated_at timestamptz not null default now(),
          updated_by text not null
        )`.execute(db);
      await sql`
        create table agency_departments (
          id serial primary key,
          unit_id integer not null references units(id),
          name text not null,
          functions text not null default '',
          phone text not null default '',
          sort_order integer not null default 0
        )`.execute(db);
      await sql`create index agency_departments_unit_idx on agency_departments (unit_id, sort_order, id)`.execute(db);
      // Photos are immutable rows: a published version keeps pointing at the photo it showed.
      await sql`
        create table agency_photos (
          id serial primary key,
          unit_id integer not null references units(id),
          mime text not null check (mime in ('image/jpeg', 'image/png')),
          data bytea not null,
          sha256 text not null,
          created_at timestamptz not null default now()
        )`.execute(db);
      await sql`
        create table agency_leaders (
          id serial primary key,
          unit_id integer not null references units(id),
          name text not null,
          title text not null,
          duties text not null default '',
          cv text not null default '',
          photo_id integer references agency_photos(id),
          sort_order integer not null default 0
        )`.execute(db);
      await sql`create index agency_leaders_unit_idx on agency_leaders (unit_id, sort_order, id)`.execute(db);
      await sql`
        create table agency_versions (
          id serial primary key,
          unit_id integer not null references units(id),
          version integer not null,
          snapshot jsonb not null,
          note text not null default '',
          published_at timestamptz not null default now(),
          published_by text not null,
          unique (unit_id, version)
        )`.execute(db);
    },
  },
};
