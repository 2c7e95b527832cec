/**
 * Each domain module's migrations, in the order modules were added. A module exports
 * `migrations: Record<string, Migration>` with names numbered after the foundation's (0001…).
 */
import type { Migration } from 'kysely';
import { migrations as documents } from '../../modules/documents/store/migrations.ts';
import { migrations as requests } from '../../modules/requests/store/migrations.ts';
import { migrations as reports } from '../../modules/reports/store/migrations.ts';
import { migrations as search } from '../../modules/search/store/migrations.ts';
import { migrations as units } from '../../modules/units/store/migrations.ts';
import { migrations as calendar } from '../../modules/calendar/store/migrations.ts';
import { migrations as accounts } from '../../modules/accounts/store/migrations.ts';
import { migrations as agency } from '../../modules/agency/store/migrations.ts';
import { migrations as media } from '../../modules/media/store/migrations.ts';
import { migrations as guides } from '../../modules/guides/store/migrations.ts';
import { migrations as powers } from '../../modules/powers/store/migrations.ts';
import { migrations as consultations } from '../../modules/consultations/store/migrations.ts';
import { migrations as messages } from '../../modules/messages/store/migrations.ts';
import { migrations as portal } from '../../modules/portal/store/migrations.ts';
import { migrations as health } from '../../modules/health/store/migrations.ts';
import { migrations as training } from '../../modules/training/store/migrations.ts';
import { migrations as assessment } from '../../modules/assessment/store/migrations.ts';
import { migrations as workplan } from '../../modules/workplan/store/migrations.ts';
import { migrations as interviews } from '../../modules/interviews/store/migrations.ts';
import { migrations as catalogs } from '../../modules/catalogs/store/migrations.ts';
import { migrations as library } from '../../modules/library/store/migrations.ts';

export const moduleMigrations: Record<string, Migration>[] = [documents, requests, reports, search, units, calendar, accounts, agency, media, guides, consultations, portal, powers, messages, health, training, assessment, workplan, interviews, catalogs, library];
