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
  roleRead: 'identity:role:read',
  roleManage: 'identity:role:manage',
  ssoManage: 'identity:sso:manage',
  catalogItemRead: 'catalog:item:read',
  catalogItemManage: 'catalog:item:manage',
  catalogItemReview: 'catalog:item:review',
  catalogBasicManage: 'catalog:basic:manage',
  catalogBundleManage: 'catalog:bundle:manage',
  caseHandle: 'cases:handle',
  caseWindow: 'cases:window',
  caseRead: 'cases:read',
  caseWorkflowManage: 'cases:workflow:manage',
} as const;

/**
 * 资源/菜单树 names. Resource codes are the permission namespace: every permission code and each of its
 * `:`-prefixes is a resource (`identity` › `identity:staff` › `identity:staff:read`), and granting a
 * code grants everything below it. Installed (upserted, never deleted) on every start.
 */
export const resourceNames: Readonly<Record<string, string>> = {
  system: '系统管理',
  'system:view': '系统概览',
  'system:outbox': '消息发件箱',
  'system:regions': '行政区划导入',
  security: '安全管理',
  'security:view': '查看安全策略与登录日志',
  'security:manage': '修改安全策略与密钥',
  audit: '审计',
  'audit:read': '查看审计日志',
  'audit:verify': '校验审计哈希链',
  identity: '统一身份认证',
  'identity:department': '部门与大厅',
  'identity:department:read': '查看部门',
  'identity:department:manage': '管理部门',
  'identity:hall': '办事大厅',
  'identity:hall:manage': '管理大厅与窗口',
  'identity:staff': '工作人员',
  'identity:staff:read': '查看工作人员',
  'identity:staff:manage': '管理工作人员',
  'identity:role': '角色与权限',
  'identity:role:read': '查看角色与权限',
  'identity:role:manage': '管理角色与授权',
  'identity:sso': '单点登录',
  'identity:sso:manage': '单点登录应用管理',
  catalog: '事项管理',
  'catalog:item': '实施清单',
  'catalog:item:read': '查看事项与版本',
  'catalog:item:manage': '编制与提交事项',
  'catalog:item:review': '审核、发布、暂停与取消事项',
  'catalog:basic': '基本目录',
  'catalog:basic:manage': '管理基本目录',
  'catalog:bundle': '一件事',
  'catalog:bundle:manage': '管理一件事',
  cases: '办件管理',
  'cases:handle': '办理办件（按流程环节的角色与范围）',
  'cases:window': '窗口收件登记',
  'cases:read': '查询与督办范围内的办件',
  'cases:workflow': '审批流程',
  'cases:workflow:manage': '配置事项审批流程',
};

export interface ResourceDefinition {
  code: string;
  parentCode: string | null;
  name: string;
  kind: 'menu' | 'action';
  sort: number;
}

/** The resource tree from the permission codes: parents first, leaves are actions, inner nodes menus. */
export function resourceTree(codes: readonly string[] = Object.values(Permissions)): ResourceDefinition[] {
  const out = new Map<string, ResourceDefinition>();
  for (const code of codes) {
    const parts = code.split(':');
    parts.forEach((_, i) => {
      const prefix = parts.slice(0, i + 1).join(':');
      const existing = out.get(prefix);
      const leaf = i === parts.length - 1;
      if (existing) {
        if (!leaf) existing.kind = 'menu';
        return;
      }
      out.set(prefix, {
        code: prefix,
        parentCode: i === 0 ? null : parts.slice(0, i).join(':'),
        name: resourceNames[prefix] ?? prefix,
        kind: leaf ? 'action' : 'menu',
        sort: out.size,
      });
    });
  }
  return [...out.values()];
}

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
      // 单点登录: registering the applications that sign users in with Tongban is system administration
      { permission: Permissions.ssoManage, scope: 'all' },
      // 事项管理: the catalogue is configuration; holding it lets a fresh install grant catalogue roles to
      // staff (no escalation). Four-eyes still keeps anyone from reviewing their own versions.
      { permission: Permissions.catalogItemRead, scope: 'all' },
      { permission: Permissions.catalogItemManage, scope: 'all' },
      { permission: Permissions.catalogItemReview, scope: 'all' },
      { permission: Permissions.catalogBasicManage, scope: 'all' },
      { permission: Permissions.catalogBundleManage, scope: 'all' },
      // 办件: holding these lets a fresh install grant case-handling roles (no escalation); acting on a case
      // still needs a role its workflow step names, which this one is not
      { permission: Permissions.caseHandle, scope: 'all' },
      { permission: Permissions.caseWindow, scope: 'all' },
      { permission: Permissions.caseRead, scope: 'all' },
      { permission: Permissions.caseWorkflowManage, scope: 'all' },
    ],
  },
  {
    code: 'secadmin',
    name: '安全管理员',
    description: '安全策略、密钥与授权管理（不可查看审计日志）',
    grants: [
      { permission: Permissions.securityView, scope: 'all' },
      { permission: Permissions.securityManage, scope: 'all' },
      // 授权管理 is the security administrator's in 三员分立
      { permission: Permissions.roleRead, scope: 'all' },
      { permission: Permissions.roleManage, scope: 'all' },
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
