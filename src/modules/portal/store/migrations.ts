/**
 * Tables of the portal module: the site-wide settings shown in every page's footer (国办发〔2017〕47号
 * 《政府网站发展指引》: 党政机关网站标识, 网站标识码, ICP/公安备案号, 主办单位 and contacts, 找错 link).
 * One row at most (id = 1); no row means the fictional defaults of core/render/site-footer.tsx.
 */
import { sql, type Kysely, type Migration } from 'kysely';

export const migrations: Record<string, Migration> = {
  '0960_portal_settings': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table portal_settings (
          id smallint primary key default 1 check (id = 1),
          sponsor text not null,
          contact_address text not null default '',
          contact_phone text not null default '',
          contact_email text not null default '',
          icp_no text not null default '',
          psb_no text not null default '',
          find_error_url text not null default '',
          conac_url text not null default '',
          conac_mime text check (conac_mime in ('image/png', 'image/jpeg', 'image/gif')),
          conac_data bytea,
          conac_sha256 text,
          updated_at timestamptz not null default now(),
          updated_by text not null
        )`.execute(db);
    },
  },
  // a 专题 flagged urgent is shown on every home page (issue #11 item 6; 2020年工作要点 第11—13点)
  '0965_topics_urgent': {
    async up(db: Kysely<unknown>) {
      await sql`alter table doc_topics add column urgent boolean not null default false, add column urgent_note text, add column urgent_since timestamptz`.execute(db);
    },
  },
};
