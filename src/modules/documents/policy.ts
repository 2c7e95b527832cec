/**
 * Who may do what with documents, per role, within the unit subtree the role is granted on.
 * The workflow (domain/workflow.ts) then decides which transition a role may make from a status:
 * editors draft and submit (条例 第十七条: 审查 before publication is someone else's job),
 * reviewers review, publish and withdraw, unit admins do all, supervisors only read.
 */
import { defineRules } from '../../core/auth/policy.ts';

defineRules({
  'document.view': ['system_admin', 'unit_admin', 'editor', 'reviewer', 'case_handler', 'supervisor'],
  'document.create': ['system_admin', 'unit_admin', 'editor'],
  // drafts by editors; published documents by reviewers (workflow 'edit_published')
  'document.edit': ['system_admin', 'unit_admin', 'editor', 'reviewer'],
  'document.submit': ['system_admin', 'unit_admin', 'editor'],
  // review = approve or return to draft
  'document.review': ['system_admin', 'unit_admin', 'reviewer'],
  // publish now, schedule, cancel a schedule
  'document.publish': ['system_admin', 'unit_admin', 'reviewer'],
  'document.withdraw': ['system_admin', 'unit_admin', 'reviewer'],
  'document.reopen': ['system_admin', 'unit_admin'],
  // mask chosen ID/mobile/bank-card numbers in the text and every version (条例 第十五条; store/redact.ts)
  'document.redact': ['system_admin', 'unit_admin', 'editor', 'reviewer'],
  'document.columns.manage': ['system_admin', 'unit_admin'],
  'document.settings': ['system_admin', 'unit_admin'],
  'document.topics.manage': ['system_admin'],
});

export const DOCUMENT_ACTIONS = [
  'document.view', 'document.create', 'document.edit', 'document.submit', 'document.review',
  'document.publish', 'document.withdraw', 'document.reopen', 'document.redact',
] as const;
