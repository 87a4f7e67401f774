/**
 * The public service catalogue (办事指南): search, browse, guides, situation answers and 一件事 bundles. No
 * login needed. Types come from `schema.d.ts` (generated from the server's OpenAPI document), as in types.ts.
 */
import type { FormSchema } from '@shared/catalog/forms';
import type { SituationAnswers, SituationTree } from '@shared/catalog/situations';
import { api } from './client';
import type { operations } from './schema';

type Ok<Id extends keyof operations> = operations[Id]['responses'] extends {
  200: { content: { 'application/json': infer T } };
}
  ? T
  : never;
type Query<Id extends keyof operations> = operations[Id]['parameters']['query'];
type Body<Id extends keyof operations> = operations[Id] extends {
  requestBody: { content: { 'application/json': infer T } };
}
  ? T
  : never;

export type ItemSearchQuery = NonNullable<Query<'catalog.searchItems'>>;
export type ItemHitPage = Ok<'catalog.searchItems'>;
/** A published item as lists show it. */
export type ItemHit = ItemHitPage['items'][number];
export type HotItemsQuery = NonNullable<Query<'catalog.listHotItems'>>;
export type CategoriesQuery = NonNullable<Query<'catalog.listCategories'>>;
/** The vocabularies (item types, themes, departments…) with the number of visible items in each. */
export type CatalogCategories = Ok<'catalog.listCategories'>;
export type CatalogTheme = CatalogCategories['themes'][number];
export type CatalogDepartment = CatalogCategories['departments'][number];

/** 办事指南: the published version of an item. */
export type Guide = Ok<'catalog.getItem'>;
export type GuideBody = Guide['guide'];
export type GuideMaterial = NonNullable<GuideBody['materials']>[number];
export type GuideFee = NonNullable<GuideBody['fees']>[number];
export type GuideStep = NonNullable<GuideBody['steps']>[number];
export type GuidePlace = NonNullable<GuideBody['places']>[number];
export type GuideChannel = NonNullable<GuideBody['consultation']>[number];
export type GuideMode = NonNullable<GuideBody['mode']>;

export type SituationRequest = Body<'catalog.evaluateSituation'>;
/** 情形引导: what these answers need (the server's evaluation is the authoritative one). */
export type SituationEvaluation = Ok<'catalog.evaluateSituation'>;
export type ApplicableMaterial = SituationEvaluation['materials'][number];

export type BundlesQuery = NonNullable<Query<'catalog.listBundles'>>;
export type BundlePage = Ok<'catalog.listBundles'>;
/** 一件事: member items across departments with one shared form. */
export type Bundle = Ok<'catalog.getBundle'>;
export type BundleMember = Bundle['members'][number];

export type ObjectFilter = NonNullable<ItemSearchQuery['objectType']>;
export type ScopeFilter = NonNullable<ItemSearchQuery['scope']>;

/** The guide's form as the renderers read it (the API types it `unknown`: the server checked it on publish). */
export function guideForm(guide: GuideBody): FormSchema | null {
  const form = guide.form as FormSchema | null | undefined;
  return form && typeof form === 'object' && form.type === 'object' ? form : null;
}

/** The guide's situation tree, or null when the item asks nothing. */
export function guideSituations(guide: GuideBody): SituationTree | null {
  const tree = guide.situations as SituationTree | null | undefined;
  return tree && Array.isArray(tree.questions) && tree.questions.length > 0 ? tree : null;
}

export function bundleForm(bundle: Bundle): FormSchema | null {
  const form = bundle.form as FormSchema | null | undefined;
  return form && typeof form === 'object' && form.type === 'object' ? form : null;
}

const BASE = '/catalog';
const path = (idOrCode: string) => encodeURIComponent(idOrCode);

export const catalogPublicApi = {
  search: (query: ItemSearchQuery, signal?: AbortSignal) =>
    api.get<ItemHitPage>(`${BASE}/items`, { query, signal }),
  guide: (idOrCode: string) => api.get<Guide>(`${BASE}/items/${path(idOrCode)}`, { quiet: true }),
  evaluate: (idOrCode: string, answers: SituationAnswers) =>
    api.post<SituationEvaluation>(`${BASE}/items/${path(idOrCode)}/situation`, {
      answers,
    } satisfies SituationRequest),
  hot: (query: HotItemsQuery) => api.get<ItemHitPage>(`${BASE}/hot-items`, { query }),
  categories: (query: CategoriesQuery) => api.get<CatalogCategories>(`${BASE}/categories`, { query }),
  bundles: (query: BundlesQuery) => api.get<BundlePage>(`${BASE}/bundles`, { query }),
  bundle: (idOrCode: string) => api.get<Bundle>(`${BASE}/bundles/${path(idOrCode)}`, { quiet: true }),
};
