import {
  createRouter,
  createWebHistory,
  type RouteLocationNormalized,
  type RouteRecordRaw,
} from 'vue-router';
import { adminMenu } from './areas/admin/menu';
import { i18n } from './i18n';
import { useAuthStore } from './stores/auth';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title (document.title and headings). */
    titleKey?: string;
    area?: 'portal' | 'mobile' | 'admin';
    requiresAuth?: boolean;
    /** Permission the user must hold; `null`/absent: any logged-in user. */
    permission?: string | null;
  }
}

const portalRoutes: RouteRecordRaw = {
  path: '/',
  component: () => import('./areas/portal/PortalLayout.vue'),
  meta: { area: 'portal' },
  children: [
    { path: '', name: 'portal-home', component: () => import('./areas/portal/PortalHome.vue') },
    {
      path: 'login',
      name: 'portal-login',
      component: () => import('./areas/portal/PortalLogin.vue'),
      meta: { titleKey: 'portal.signIn.title' },
    },
    {
      path: 'register',
      name: 'portal-register',
      component: () => import('./areas/portal/PortalRegister.vue'),
      meta: { titleKey: 'portal.signUp.title' },
    },
    {
      path: 'services',
      name: 'portal-services',
      component: () => import('./areas/portal/PortalServices.vue'),
      meta: { titleKey: 'catalog.search.title' },
    },
    {
      path: 'services/:idOrCode',
      name: 'portal-guide',
      component: () => import('./areas/portal/PortalGuide.vue'),
      meta: { titleKey: 'catalog.guide.title' },
    },
    {
      path: 'bundles/:idOrCode',
      name: 'portal-bundle',
      component: () => import('./areas/portal/PortalBundle.vue'),
      meta: { titleKey: 'catalog.bundle.title' },
    },
    {
      path: 'apply/:idOrCode',
      name: 'portal-apply',
      component: () => import('./areas/portal/cases/PortalApply.vue'),
      meta: { titleKey: 'cases.apply.title' },
    },
    {
      path: 'my/cases',
      name: 'portal-my-cases',
      component: () => import('./areas/portal/cases/PortalMyCases.vue'),
      meta: { titleKey: 'cases.title' },
    },
    {
      path: 'my/cases/:id',
      name: 'portal-case',
      component: () => import('./areas/portal/cases/PortalCase.vue'),
      meta: { titleKey: 'cases.detail.title' },
    },
    {
      path: 'progress',
      name: 'portal-progress',
      component: () => import('./areas/portal/cases/PortalProgress.vue'),
      meta: { titleKey: 'cases.progress.title' },
    },
    {
      path: 'soon/:feature',
      name: 'portal-soon',
      component: () => import('./areas/portal/PortalComingSoon.vue'),
      meta: { titleKey: 'common.comingSoon' },
    },
    {
      path: ':pathMatch(.*)*',
      name: 'not-found',
      component: () => import('./areas/portal/PortalNotFound.vue'),
      meta: { titleKey: 'errors.notFound' },
    },
  ],
};

const mobileRoutes: RouteRecordRaw = {
  path: '/m',
  component: () => import('./areas/mobile/MobileLayout.vue'),
  meta: { area: 'mobile' },
  children: [
    { path: '', name: 'mobile-home', component: () => import('./areas/mobile/MobileHome.vue') },
    {
      path: 'services',
      name: 'mobile-services',
      component: () => import('./areas/mobile/MobileServices.vue'),
      meta: { titleKey: 'catalog.search.title' },
    },
    {
      path: 'services/:idOrCode',
      name: 'mobile-guide',
      component: () => import('./areas/mobile/MobileGuide.vue'),
      meta: { titleKey: 'catalog.guide.title' },
    },
    {
      path: 'apply/:idOrCode',
      name: 'mobile-apply',
      component: () => import('./areas/mobile/cases/MobileApply.vue'),
      meta: { titleKey: 'cases.apply.title' },
    },
    {
      path: 'my/cases',
      name: 'mobile-my-cases',
      component: () => import('./areas/mobile/cases/MobileMyCases.vue'),
      meta: { titleKey: 'cases.title' },
    },
    {
      path: 'my/cases/:id',
      name: 'mobile-case',
      component: () => import('./areas/mobile/cases/MobileCase.vue'),
      meta: { titleKey: 'cases.detail.title' },
    },
    {
      path: 'soon/:feature',
      name: 'mobile-soon',
      component: () => import('./areas/mobile/MobileComingSoon.vue'),
      meta: { titleKey: 'common.comingSoon' },
    },
    { path: ':pathMatch(.*)*', redirect: { name: 'mobile-home' } },
  ],
};

const adminRoutes: RouteRecordRaw[] = [
  {
    path: '/admin/login',
    name: 'admin-login',
    component: () => import('./areas/admin/AdminLogin.vue'),
    meta: { area: 'admin', titleKey: 'admin.login.title' },
  },
  {
    path: '/admin',
    component: () => import('./areas/admin/AdminLayout.vue'),
    meta: { area: 'admin', requiresAuth: true },
    children: [
      ...adminMenu.map<RouteRecordRaw>((entry) => ({
        path: entry.path,
        name: entry.name,
        component: entry.component,
        meta: { titleKey: entry.titleKey, permission: entry.permission },
      })),
      {
        path: 'forbidden',
        name: 'admin-forbidden',
        component: () => import('./areas/admin/pages/ForbiddenPage.vue'),
        meta: { titleKey: 'admin.forbidden.title' },
      },
      { path: ':pathMatch(.*)*', redirect: { name: 'admin-dashboard' } },
    ],
  },
];

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes: [mobileRoutes, ...adminRoutes, portalRoutes],
  scrollBehavior: () => ({ top: 0 }),
});

router.beforeEach(async (to) => {
  const auth = useAuthStore();
  if (to.name === 'admin-login') {
    // A signed-in citizen stays on the staff login page, which tells them this area is not theirs.
    if (!auth.isAuthenticated) return true;
    const staff = await auth.ensureUser().then(
      () => auth.isStaff,
      () => false,
    );
    return staff ? { name: 'admin-dashboard' } : true;
  }
  if (!to.matched.some((record) => record.meta.requiresAuth)) return true;
  const toLogin = { name: 'admin-login', query: { redirect: to.fullPath } };
  if (!auth.isAuthenticated) return toLogin;
  try {
    await auth.ensureUser();
  } catch {
    return toLogin;
  }
  if (!auth.isStaff) return toLogin;
  // An expired password allows nothing but changing it (the server refuses everything else too).
  if (auth.user?.password.expired && to.name !== 'admin-account') return { name: 'admin-account' };
  return auth.can(to.meta.permission ?? null) ? true : { name: 'admin-forbidden' };
});

export function applyDocumentTitle(route: RouteLocationNormalized = router.currentRoute.value): void {
  const { t } = i18n.global;
  const key = route.meta.titleKey;
  const site = route.meta.area === 'admin' ? t('admin.title') : t('app.fullTitle');
  document.title = key ? `${t(key)} - ${site}` : site;
}

router.afterEach((to) => applyDocumentTitle(to));
