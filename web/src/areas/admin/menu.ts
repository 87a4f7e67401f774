import type { Component } from 'vue';

/**
 * The static admin menu catalogue. Each entry names the permission it requires (`null`: any logged-in
 * user). The side menu shows only the entries the user holds, and the router builds the admin routes
 * from the same list, so a hidden entry is also unreachable by URL.
 */
export interface AdminMenuEntry {
  /** Route name. */
  name: string;
  /** Path below /admin. */
  path: string;
  titleKey: string;
  icon:
    | 'dashboard'
    | 'audit'
    | 'outbox'
    | 'security'
    | 'loginEvents'
    | 'regions'
    | 'departments'
    | 'halls'
    | 'staff'
    | 'roles'
    | 'sso'
    | 'system'
    | 'account'
    | 'catalog'
    | 'basicItems'
    | 'items'
    | 'review'
    | 'bundles'
    | 'todo'
    | 'window'
    | 'supervision';
  /** The side-menu group it sits in; none: a top-level item. */
  group?: AdminMenuGroup;
  permission: string | null;
  component: () => Promise<Component>;
  /** A page reached from another page (a detail or an editor), not listed in the side menu. */
  hidden?: boolean;
}

export type AdminMenuGroup = 'cases' | 'catalog' | 'org' | 'access' | 'audit' | 'system';

/** Side-menu groups: title and icon; they appear where their first visible entry is. */
export const adminMenuGroups: Readonly<
  Record<AdminMenuGroup, { titleKey: string; icon: AdminMenuEntry['icon'] }>
> = {
  cases: { titleKey: 'admin.cases.menu.group', icon: 'todo' },
  catalog: { titleKey: 'admin.catalog.menu.group', icon: 'catalog' },
  org: { titleKey: 'admin.org.menuGroups.org', icon: 'departments' },
  access: { titleKey: 'admin.org.menuGroups.access', icon: 'security' },
  audit: { titleKey: 'admin.org.menuGroups.audit', icon: 'audit' },
  system: { titleKey: 'admin.org.menuGroups.system', icon: 'system' },
};

export const adminMenu: readonly AdminMenuEntry[] = [
  {
    name: 'admin-dashboard',
    path: '',
    titleKey: 'admin.menu.dashboard',
    icon: 'dashboard',
    permission: null,
    component: () => import('./pages/DashboardPage.vue'),
  },
  {
    name: 'admin-cases',
    path: 'cases',
    titleKey: 'admin.cases.menu.workbench',
    icon: 'todo',
    group: 'cases',
    permission: 'cases:handle',
    component: () => import('./pages/cases/WorkbenchPage.vue'),
  },
  {
    name: 'admin-cases-window',
    path: 'cases/window',
    titleKey: 'admin.cases.menu.window',
    icon: 'window',
    group: 'cases',
    permission: 'cases:window',
    component: () => import('./pages/cases/WindowDeskPage.vue'),
  },
  {
    name: 'admin-cases-supervision',
    path: 'cases/supervision',
    titleKey: 'admin.cases.menu.supervision',
    icon: 'supervision',
    group: 'cases',
    permission: 'cases:read',
    component: () => import('./pages/cases/SupervisionPage.vue'),
  },
  {
    name: 'admin-case',
    path: 'cases/:id',
    titleKey: 'admin.cases.menu.case',
    icon: 'todo',
    group: 'cases',
    permission: 'cases:handle',
    hidden: true,
    component: () => import('./pages/cases/CasePage.vue'),
  },
  {
    name: 'admin-catalog-basic-items',
    path: 'catalog/basic-items',
    titleKey: 'admin.catalog.menu.basicItems',
    icon: 'basicItems',
    group: 'catalog',
    permission: 'catalog:item:read',
    component: () => import('./pages/catalog/BasicItemsPage.vue'),
  },
  {
    name: 'admin-catalog-items',
    path: 'catalog/items',
    titleKey: 'admin.catalog.menu.items',
    icon: 'items',
    group: 'catalog',
    permission: 'catalog:item:read',
    component: () => import('./pages/catalog/ItemsPage.vue'),
  },
  {
    name: 'admin-catalog-item',
    path: 'catalog/items/:id',
    titleKey: 'admin.catalog.menu.itemEditor',
    icon: 'items',
    group: 'catalog',
    permission: 'catalog:item:read',
    hidden: true,
    component: () => import('./pages/catalog/ItemEditorPage.vue'),
  },
  {
    name: 'admin-catalog-item-workflow',
    path: 'catalog/items/:id/workflow',
    titleKey: 'admin.cases.menu.workflow',
    icon: 'items',
    group: 'catalog',
    permission: 'cases:workflow:manage',
    hidden: true,
    component: () => import('./pages/cases/WorkflowEditorPage.vue'),
  },
  {
    name: 'admin-catalog-review',
    path: 'catalog/review',
    titleKey: 'admin.catalog.menu.review',
    icon: 'review',
    group: 'catalog',
    permission: 'catalog:item:review',
    component: () => import('./pages/catalog/ReviewQueuePage.vue'),
  },
  {
    name: 'admin-catalog-review-item',
    path: 'catalog/review/:id',
    titleKey: 'admin.catalog.menu.reviewItem',
    icon: 'review',
    group: 'catalog',
    permission: 'catalog:item:review',
    hidden: true,
    component: () => import('./pages/catalog/ReviewPage.vue'),
  },
  {
    name: 'admin-catalog-bundles',
    path: 'catalog/bundles',
    titleKey: 'admin.catalog.menu.bundles',
    icon: 'bundles',
    group: 'catalog',
    permission: 'catalog:item:read',
    component: () => import('./pages/catalog/BundlesPage.vue'),
  },
  {
    name: 'admin-catalog-bundle',
    path: 'catalog/bundles/:id',
    titleKey: 'admin.catalog.menu.bundleEditor',
    icon: 'bundles',
    group: 'catalog',
    permission: 'catalog:item:read',
    hidden: true,
    component: () => import('./pages/catalog/BundleEditorPage.vue'),
  },
  {
    name: 'admin-regions',
    path: 'regions',
    titleKey: 'admin.menu.regions',
    icon: 'regions',
    group: 'org',
    permission: null,
    component: () => import('./pages/RegionsPage.vue'),
  },
  {
    name: 'admin-departments',
    path: 'org/departments',
    titleKey: 'admin.menu.departments',
    icon: 'departments',
    group: 'org',
    permission: 'identity:department:read',
    component: () => import('./pages/org/DepartmentsPage.vue'),
  },
  {
    name: 'admin-halls',
    path: 'org/halls',
    titleKey: 'admin.menu.halls',
    icon: 'halls',
    group: 'org',
    permission: 'identity:department:read',
    component: () => import('./pages/org/HallsPage.vue'),
  },
  {
    name: 'admin-staff',
    path: 'org/staff',
    titleKey: 'admin.menu.staff',
    icon: 'staff',
    group: 'org',
    permission: 'identity:staff:read',
    component: () => import('./pages/org/StaffPage.vue'),
  },
  {
    name: 'admin-roles',
    path: 'org/roles',
    titleKey: 'admin.menu.roles',
    icon: 'roles',
    group: 'access',
    permission: 'identity:role:read',
    component: () => import('./pages/org/RolesPage.vue'),
  },
  {
    name: 'admin-oidc-clients',
    path: 'sso/clients',
    titleKey: 'admin.menu.oidcClients',
    icon: 'sso',
    group: 'access',
    permission: 'identity:sso:manage',
    component: () => import('./pages/sso/OidcClientsPage.vue'),
  },
  {
    name: 'admin-security-policy',
    path: 'security/policy',
    titleKey: 'admin.menu.securityPolicy',
    icon: 'security',
    group: 'access',
    permission: 'security:view',
    component: () => import('./pages/SecurityPolicyPage.vue'),
  },
  {
    name: 'admin-login-events',
    path: 'security/login-events',
    titleKey: 'admin.menu.loginEvents',
    icon: 'loginEvents',
    group: 'access',
    permission: 'security:view',
    component: () => import('./pages/LoginEventsPage.vue'),
  },
  {
    name: 'admin-audit',
    path: 'audit',
    titleKey: 'admin.menu.audit',
    icon: 'audit',
    group: 'audit',
    permission: 'audit:read',
    component: () => import('./pages/AuditLedgerPage.vue'),
  },
  {
    name: 'admin-outbox',
    path: 'dev/outbox',
    titleKey: 'admin.menu.outbox',
    icon: 'outbox',
    group: 'system',
    permission: 'system:outbox',
    component: () => import('./pages/DevOutboxPage.vue'),
  },
  {
    name: 'admin-account',
    path: 'account',
    titleKey: 'admin.menu.account',
    icon: 'account',
    permission: null,
    component: () => import('./pages/MyAccountPage.vue'),
  },
];

export function visibleMenu(can: (permission: string | null) => boolean): AdminMenuEntry[] {
  return adminMenu.filter((entry) => !entry.hidden && can(entry.permission));
}

export type AdminMenuSection =
  | { kind: 'entry'; entry: AdminMenuEntry }
  | {
      kind: 'group';
      group: AdminMenuGroup;
      titleKey: string;
      icon: AdminMenuEntry['icon'];
      entries: AdminMenuEntry[];
    };

/**
 * The visible entries arranged for the side menu: top-level items and groups of items, in catalogue
 * order. Built from `visibleMenu`, so a group with no visible entry does not appear.
 */
export function visibleMenuSections(can: (permission: string | null) => boolean): AdminMenuSection[] {
  const sections: AdminMenuSection[] = [];
  const groups = new Map<AdminMenuGroup, AdminMenuEntry[]>();
  for (const entry of visibleMenu(can)) {
    if (!entry.group) {
      sections.push({ kind: 'entry', entry });
      continue;
    }
    let entries = groups.get(entry.group);
    if (!entries) {
      entries = [];
      groups.set(entry.group, entries);
      sections.push({ kind: 'group', group: entry.group, ...adminMenuGroups[entry.group], entries });
    }
    entries.push(entry);
  }
  return sections;
}
