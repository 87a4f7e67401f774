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
  icon: 'dashboard' | 'audit' | 'outbox' | 'security' | 'loginEvents' | 'regions' | 'account';
  permission: string | null;
  component: () => Promise<Component>;
}

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
    name: 'admin-audit',
    path: 'audit',
    titleKey: 'admin.menu.audit',
    icon: 'audit',
    permission: 'audit:read',
    component: () => import('./pages/AuditLedgerPage.vue'),
  },
  {
    name: 'admin-outbox',
    path: 'dev/outbox',
    titleKey: 'admin.menu.outbox',
    icon: 'outbox',
    permission: 'system:outbox',
    component: () => import('./pages/DevOutboxPage.vue'),
  },
  {
    name: 'admin-security-policy',
    path: 'security/policy',
    titleKey: 'admin.menu.securityPolicy',
    icon: 'security',
    permission: 'security:view',
    component: () => import('./pages/SecurityPolicyPage.vue'),
  },
  {
    name: 'admin-login-events',
    path: 'security/login-events',
    titleKey: 'admin.menu.loginEvents',
    icon: 'loginEvents',
    permission: 'security:view',
    component: () => import('./pages/LoginEventsPage.vue'),
  },
  {
    name: 'admin-regions',
    path: 'regions',
    titleKey: 'admin.menu.regions',
    icon: 'regions',
    permission: null,
    component: () => import('./pages/RegionsPage.vue'),
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
  return adminMenu.filter((entry) => can(entry.permission));
}
