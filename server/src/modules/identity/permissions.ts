import type { DataScope } from '../../platform/http/context.js';

/** Permission codes known so far (`module:action`). Later modules add theirs. */
export const Permissions = {
  systemView: 'system:view',
  systemOutbox: 'system:outbox',
  systemRegions: 'system:regions',
  securityView: 'security:view',
  securityManage: 'security:manage',
  auditRead: 'audit:read',
  auditVerify: 'audit:verify',
  departmentRead: 'identity:department:read',
  departmentManage: 'identity:department:manage',
  hallManage: 'identity:hall:manage',
  staffRead: 'identity:staff:read',
  staffManage: 'identity:staff:manage',
} as const;

export interface BuiltinRole {
  code: string;
  name: string;
  description: string;
  grants: readonly { permission: string; scope: DataScope }[];
}

/**
 * 三员分立 — the three administrators of GB/T 22239 level 3 with disjoint permissions: the system
 * administrator runs the platform, the security administrator sets security policy, and the audit
 * administrator alone reads and verifies the audit ledger. Nobody can edit the ledger.
 */
export const builtinRoles: readonly BuiltinRole[] = [
  {
    code: 'sysadmin',
    name: '系统管理员',
    description: '系统运行维护：用户、机构、配置（不可查看审计日志）',
    grants: [
      { permission: Permissions.systemView, scope: 'all' },
      { permission: Permissions.systemOutbox, scope: 'all' },
      { permission: Permissions.systemRegions, scope: 'all' },
      { permission: Permissions.departmentRead, scope: 'all' },
      { permission: Permissions.departmentManage, scope: 'all' },
      { permission: Permissions.hallManage, scope: 'all' },
      { permission: Permissions.staffRead, scope: 'all' },
      { permission: Permissions.staffManage, scope: 'all' },
    ],
  },
  {
    code: 'secadmin',
    name: '安全管理员',
    description: '安全策略、密钥与授权管理（不可查看审计日志）',
    grants: [
      { permission: Permissions.securityView, scope: 'all' },
      { permission: Permissions.securityManage, scope: 'all' },
    ],
  },
  {
    code: 'auditadmin',
    name: '审计管理员',
    description: '审计日志查看与哈希链校验（唯一可读审计日志的角色）',
    grants: [
      { permission: Permissions.auditRead, scope: 'all' },
      { permission: Permissions.auditVerify, scope: 'all' },
    ],
  },
];
