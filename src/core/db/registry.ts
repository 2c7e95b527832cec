/**
 * Each domain module's migrations, in the order modules were added. A module exports
 * `migrations: Record<string, Migration>` with names numbered after the foundation's (0001…).
 */
import type { Migration } from 'kysely';
import { migrations as documents } from '../../modules/documents/migrations.ts';
import { migrations as requests } from '../../modules/requests/migrations.ts';
import { migrations as reports } from '../../modules/reports/migrations.ts';
import { migrations as search } from '../../modules/search/migrations.ts';

export const moduleMigrations: Record<string, Migration>[] = [documents, requests, reports, search];
