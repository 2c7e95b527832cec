/**
 * Who is running a command. Web requests carry the signed-in actor (checked against the policy);
 * the CLI and jobs run as the operator / system, who already holds the database credentials.
 */
import type { Actor } from '../auth/policy.ts';
import { can } from '../auth/policy.ts';
import type { AuditActor } from '../audit/index.ts';
import { forbidden } from '../http/errors.ts';

export interface CommandContext {
  actor: Actor | null; // null = system / command line
  audit: AuditActor;
}

export function systemContext(name = 'system'): CommandContext {
  return { actor: null, audit: { id: null, name } };
}

export function actorContext(actor: Actor, ip: string | null): CommandContext {
  return { actor, audit: { id: actor.userId, name: actor.username, ip } };
}

/** Throws 403 unless the context may do `action` on a unit at `unitPath` (system may do anything). */
export function authorize(ctx: CommandContext, action: string, unitPath: string | null): void {
  if (ctx.actor === null) return;
  if (!can(ctx.actor, action, unitPath)) throw forbidden();
}
