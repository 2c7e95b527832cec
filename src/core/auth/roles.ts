/** The roles of the platform. Every role is granted *on a unit* and covers that unit's subtree. */
import type { Msg } from '../render/i18n.ts';

export const ROLES = ['system_admin', 'unit_admin', 'editor', 'reviewer', 'case_handler', 'supervisor'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, Msg> = {
  system_admin: { zh: '系统管理员', en: 'System administrator' },
  unit_admin: { zh: '单位管理员', en: 'Unit administrator' },
  editor: { zh: '信息编辑', en: 'Editor' },
  reviewer: { zh: '审核人员', en: 'Reviewer' },
  case_handler: { zh: '申请办理人员', en: 'Case handler' },
  supervisor: { zh: '监督人员（只读）', en: 'Supervisor (read-only)' },
};

export function isRole(s: string): s is Role {
  return (ROLES as readonly string[]).includes(s);
}
