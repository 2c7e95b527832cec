/**
 * Each domain module's migrations, in the order modules were added. A module exports
 * `migrations: Record<string, Migration>` with names numbered after the foundation's (0001…).
 */
import type { Migration } from 'kysely';

export const moduleMigrations: Record<string, Migration>[] = [];
