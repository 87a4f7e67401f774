/**
 * 事项管理 in the back office: the basic catalogue, implementation lists and their versions, 一件事 bundles.
 * Types are derived from `schema.d.ts` (generated from the server's OpenAPI document), as in types.ts;
 * nothing here restates a field.
 */
import { api } from './client';
import type { operations } from './schema';

type Responses<Id extends keyof operations> = operations[Id]['responses'];
type Ok<Id extends keyof operations> =
  Responses<Id> extends { 200: { content: { 'application/json': infer T } } } ? T : never;
type Created<Id extends keyof operations> =
  Responses<Id> extends { 201: { content: { 'application/json': infer T } } } ? T : never;
type Query<Id extends keyof operations> = NonNullable<operations[Id]['parameters']['query']>;
type Body<Id extends keyof operations> = operations[Id] extends {
  requestBody: { content: { 'application/json': infer T } };
}
  ? T
  : never;

/** 基本目录 */
export type BasicItemsQuery = Query<'catalog.listBasicItems'>;
export type BasicItemPage = Ok<'catalog.listBasicItems'>;
export type BasicItem = Ok<'catalog.getBasicItem'>;
export type BasicItemCreate = Body<'catalog.createBasicItem'>;
export type BasicItemUpdate = Body<'catalog.updateBasicItem'>;
export type ItemTypeCode = NonNullable<BasicItemsQuery['itemType']>;
export type ObjectType = BasicItemCreate['objectType'];
export type AdminLevel = NonNullable<BasicItemCreate['levels']>[number];

/** 实施清单 and versions */
export type ManagedItemsQuery = Query<'catalog.listManagedItems'>;
export type ManagedItemPage = Ok<'catalog.listManagedItems'>;
export type ManagedItem = ManagedItemPage['items'][number];
export type ManagedItemDetail = Ok<'catalog.getManagedItem'>;
export type VersionSummary = ManagedItemDetail['versions'][number];
export type VersionStatus = VersionSummary['status'];
export type ItemVersion = Ok<'catalog.getItemVersion'>;
export type VersionEvent = ItemVersion['events'][number];
export type ItemDraftCreate = Body<'catalog.createItemDraft'>;
export type VersionValidation = Ok<'catalog.validateItemVersion'>;
export type VersionDiff = Ok<'catalog.diffItemVersions'>;
export type ReviewRequest = Body<'catalog.reviewItemVersion'>;

/** 办事指南 and its elements */
export type ItemGuide = Body<'catalog.updateItemDraft'>;
export type Material = NonNullable<ItemGuide['materials']>[number];
export type Fee = NonNullable<ItemGuide['fees']>[number];
export type Step = NonNullable<ItemGuide['steps']>[number];
export type Place = NonNullable<ItemGuide['places']>[number];
export type Channel = NonNullable<ItemGuide['consultation']>[number];
export type GuideResult = NonNullable<ItemGuide['result']>;
export type HandlingMode = NonNullable<ItemGuide['mode']>;
export type HandlingScope = NonNullable<ItemGuide['handlingScope']>;

/** 一件事 */
export type BundlesQuery = Query<'catalog.listManagedBundles'>;
export type BundlePage = Ok<'catalog.listManagedBundles'>;
export type Bundle = Ok<'catalog.getManagedBundle'>;
export type BundleMember = Bundle['members'][number];
export type BundleCreate = Body<'catalog.createBundle'>;
export type BundleUpdate = Body<'catalog.updateBundle'>;

/** Item types and themes with their codes (public: `catalog.listCategories`). */
export type CatalogCategories = Ok<'catalog.listCategories'>;
export type ThemeCategory = CatalogCategories['themes'][number];

const BASE = '/catalog/admin';
const id = (value: string) => encodeURIComponent(value);

export const basicItemsApi = {
  list: (limit: number, cursor: string | null, filter: Omit<BasicItemsQuery, 'limit' | 'cursor'> = {}) =>
    api.get<BasicItemPage>(`${BASE}/basic-items`, {
      query: { ...filter, limit, cursor: cursor ?? undefined } satisfies BasicItemsQuery,
    }),
  get: (basicItemId: string) => api.get<BasicItem>(`${BASE}/basic-items/${id(basicItemId)}`),
  create: (item: BasicItemCreate) =>
    api.post<Created<'catalog.createBasicItem'>>(`${BASE}/basic-items`, item),
  update: (basicItemId: string, changes: BasicItemUpdate) =>
    api.patch<BasicItem>(`${BASE}/basic-items/${id(basicItemId)}`, changes),
};

export const managedItemsApi = {
  list: (limit: number, cursor: string | null, filter: Omit<ManagedItemsQuery, 'limit' | 'cursor'> = {}) =>
    api.get<ManagedItemPage>(`${BASE}/items`, {
      query: { ...filter, limit, cursor: cursor ?? undefined } satisfies ManagedItemsQuery,
    }),
  get: (itemId: string) => api.get<ManagedItemDetail>(`${BASE}/items/${id(itemId)}`),
  create: (draft: ItemDraftCreate) => api.post<Created<'catalog.createItemDraft'>>(`${BASE}/items`, draft),
  revise: (itemId: string) => api.post<Created<'catalog.reviseItem'>>(`${BASE}/items/${id(itemId)}/versions`),
  diff: (itemId: string, from: number, to: number) =>
    api.get<VersionDiff>(`${BASE}/items/${id(itemId)}/diff`, { query: { from, to } }),
  suspend: (itemId: string, reason: string) =>
    api.post<ItemVersion>(`${BASE}/items/${id(itemId)}/suspend`, { reason }),
  resume: (itemId: string) => api.post<ItemVersion>(`${BASE}/items/${id(itemId)}/resume`),
  cancel: (itemId: string, reason: string) =>
    api.post<ItemVersion>(`${BASE}/items/${id(itemId)}/cancel`, { reason }),
};

export const itemVersionsApi = {
  get: (versionId: string) => api.get<ItemVersion>(`${BASE}/versions/${id(versionId)}`),
  update: (versionId: string, guide: ItemGuide) =>
    api.put<ItemVersion>(`${BASE}/versions/${id(versionId)}`, guide),
  validate: (versionId: string) => api.get<VersionValidation>(`${BASE}/versions/${id(versionId)}/validation`),
  submit: (versionId: string) => api.post<ItemVersion>(`${BASE}/versions/${id(versionId)}/submit`),
  review: (versionId: string, review: ReviewRequest) =>
    api.post<ItemVersion>(`${BASE}/versions/${id(versionId)}/review`, review),
  publish: (versionId: string) => api.post<ItemVersion>(`${BASE}/versions/${id(versionId)}/publish`),
};

export const bundlesApi = {
  list: (limit: number, cursor: string | null) =>
    api.get<BundlePage>(`${BASE}/bundles`, { query: { limit, cursor: cursor ?? undefined } }),
  get: (bundleId: string) => api.get<Bundle>(`${BASE}/bundles/${id(bundleId)}`),
  create: (bundle: BundleCreate) => api.post<Created<'catalog.createBundle'>>(`${BASE}/bundles`, bundle),
  update: (bundleId: string, bundle: BundleUpdate) =>
    api.put<Bundle>(`${BASE}/bundles/${id(bundleId)}`, bundle),
  remove: (bundleId: string) => api.delete<void>(`${BASE}/bundles/${id(bundleId)}`),
};

export const catalogCategoriesApi = {
  get: () => api.get<CatalogCategories>('/catalog/categories'),
};
