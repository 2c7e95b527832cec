/** Who may change the portal's site-wide settings (footer): system admins only — they are the cluster's, not a unit's. */
import { defineRules } from '../../core/auth/policy.ts';

defineRules({
  'portal.settings': ['system_admin'],
});
