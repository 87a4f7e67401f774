import { computed, reactive, ref, shallowRef } from 'vue';
import {
  type BasicItem,
  type BasicItemCreate,
  type BasicItemUpdate,
  basicItemsApi,
  bundlesApi,
  type CatalogCategories,
  catalogCategoriesApi,
  type ItemDraftCreate,
  type ItemTypeCode,
  managedItemsApi,
  type VersionStatus,
} from '../api/catalog-admin';
import { departmentsApi } from '../api/resources';
import { useAuthStore } from '../stores/auth';
import { allPages, MAX_PAGE } from './allPages';
import { useCursorPager } from './useCursorPager';
import { useSaving } from './useSaving';

/** 事项管理 — lists and small editors of the back office; the item editor is useCatalogAdminItem.ts. */

export const CATALOG_PERMISSIONS = {
  read: 'catalog:item:read',
  manage: 'catalog:item:manage',
  review: 'catalog:item:review',
  basic: 'catalog:basic:manage',
  bundle: 'catalog:bundle:manage',
} as const;

/** What the signed-in user may do in the catalogue. */
export function useCatalogPermissions() {
  const auth = useAuthStore();
  return {
    canManage: computed(() => auth.can(CATALOG_PERMISSIONS.manage)),
    canReview: computed(() => auth.can(CATALOG_PERMISSIONS.review)),
    canManageBasic: computed(() => auth.can(CATALOG_PERMISSIONS.basic)),
    canManageBundles: computed(() => auth.can(CATALOG_PERMISSIONS.bundle)),
  };
}

/** 基本目录: one page, filtered by a search on name or code, the item type and the status. */
export function useBasicItemList(pageSize = 20) {
  const filter = reactive<{ q: string; itemType: ItemTypeCode | null; status: 'active' | 'disabled' | null }>(
    {
      q: '',
      itemType: null,
      status: null,
    },
  );
  const pager = useCursorPager((cursor) =>
    basicItemsApi.list(pageSize, cursor, {
      q: filter.q.trim() || undefined,
      itemType: filter.itemType ?? undefined,
      status: filter.status ?? undefined,
    }),
  );
  return { filter, ...pager };
}

export function useBasicItemEditor() {
  const { saving, errors, save } = useSaving();
  return {
    saving,
    errors,
    create: (item: BasicItemCreate) => save(() => basicItemsApi.create(item)),
    update: (id: string, changes: BasicItemUpdate) => save(() => basicItemsApi.update(id, changes)),
  };
}

/** Every active basic item (a picker when drafting a new implementation list). */
export function useActiveBasicItems() {
  const items = shallowRef<BasicItem[]>([]);
  const loading = ref(false);
  async function load(): Promise<void> {
    loading.value = true;
    try {
      items.value = await allPages((cursor) => basicItemsApi.list(MAX_PAGE, cursor, { status: 'active' }));
    } catch {
      items.value = [];
    } finally {
      loading.value = false;
    }
  }
  return { items, loading, load };
}

/** 实施清单: one page in the user's data scope; `status` keeps items with a version in it (审核队列). */
export function useManagedItemList(pageSize = 20, status: VersionStatus | null = null) {
  const filter = reactive<{ q: string; status: VersionStatus | null; departmentId: string | null }>({
    q: '',
    status,
    departmentId: null,
  });
  const pager = useCursorPager((cursor) =>
    managedItemsApi.list(pageSize, cursor, {
      q: filter.q.trim() || undefined,
      status: filter.status ?? undefined,
      departmentId: filter.departmentId ?? undefined,
    }),
  );
  return { filter, ...pager };
}

export interface CatalogDepartment {
  id: string;
  name: string;
}

/**
 * The departments a catalogue user picks from. With `identity:department:read`, the department list.
 * Otherwise (a 事项管理员 usually holds only catalogue permissions, and the API lists departments only
 * under `identity:department:read`): the departments that publish items (`catalog.listCategories`) and
 * those of the first page of items and bundles in the user's scope — no scan of the whole catalogue.
 * The server refuses a department outside the user's scope.
 */
export function useCatalogDepartments() {
  const auth = useAuthStore();
  const departments = shallowRef<CatalogDepartment[]>([]);
  const loading = ref(false);

  async function load(): Promise<void> {
    loading.value = true;
    try {
      const byId = new Map<string, string>();
      if (auth.can('identity:department:read')) {
        const list = await allPages((cursor) => departmentsApi.list(MAX_PAGE, cursor));
        for (const d of list) if (d.status === 'active') byId.set(d.id, d.name);
      } else {
        const [categories, items, bundles] = await Promise.all([
          catalogCategoriesApi.get().catch(() => null),
          managedItemsApi.list(MAX_PAGE, null).catch(() => null),
          bundlesApi.list(MAX_PAGE, null).catch(() => null),
        ]);
        for (const d of categories?.departments ?? []) byId.set(d.id, d.name);
        for (const i of items?.items ?? []) byId.set(i.departmentId, i.departmentName);
        for (const b of bundles?.items ?? []) byId.set(b.departmentId, b.departmentName);
      }
      departments.value = [...byId]
        .map(([id, name]) => ({ id, name }))
        .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
    } catch {
      departments.value = [];
    } finally {
      loading.value = false;
    }
  }

  return { departments, loading, load };
}

/** Creating an implementation list: version 1 as a draft. */
export function useItemDraftCreator() {
  const { saving, errors, save } = useSaving();
  return { saving, errors, create: (draft: ItemDraftCreate) => save(() => managedItemsApi.create(draft)) };
}

let categories: Promise<CatalogCategories> | null = null;

/** Item types and themes (with their service object), loaded once per page load. */
export function useCatalogCategories() {
  const data = shallowRef<CatalogCategories | null>(null);
  categories ??= catalogCategoriesApi.get().catch((error: unknown) => {
    categories = null;
    throw error;
  });
  categories.then(
    (value) => {
      data.value = value;
    },
    () => undefined,
  );
  return {
    itemTypes: computed(() => data.value?.itemTypes ?? []),
    themes: computed(() => data.value?.themes ?? []),
  };
}
