/**
 * Who may do what with annual reports, within the unit subtree a role is granted on. Editors prepare
 * the figures the platform does not hold and the narrative; publishing — the unit's public statement
 * under 条例 第四十九条 — needs the unit administrator or a reviewer (条例 第十七条: review before
 * disclosure); supervisors read. Deadline settings use the foundation's 'settings.manage'.
 */
import { defineRules } from '../../core/auth/policy.ts';

defineRules({
  'report.view': ['system_admin', 'unit_admin', 'editor', 'reviewer', 'supervisor'],
  'report.edit': ['system_admin', 'unit_admin', 'editor'],
  'report.publish': ['system_admin', 'unit_admin', 'reviewer'],
});
