/**
 * The accounts module's policy rules. `user.view`, `user.manage` and `role.grant.system_admin` are
 * foundation rules (core/auth/policy.ts); who may change *which* user is decided in `manage.ts`.
 */
import { defineRules } from '../../../core/auth/policy.ts';

defineRules({
  // API tokens for oneself (any console user); someone else's: canManageUser (manage.ts)
  'apitoken.own': ['system_admin', 'unit_admin', 'editor', 'reviewer', 'case_handler', 'supervisor'],
});
