import type { App } from '../../platform/http/app-type.js';
import { problemResponses } from '../../platform/http/openapi.js';
import { page } from '../../platform/http/paging.js';
import {
  ApplicationFormCheck,
  CategoriesQuery,
  CategoriesView,
  CheckApplicationFormRequest,
  EvaluateSituationRequest,
  GuideView,
  HotItemsQuery,
  IdOrCodeParams,
  ItemHit,
  SearchItemsQuery,
  SituationEvaluation,
} from './public-schema.js';
import type { CatalogServices } from './service.js';

const tags = ['catalog'];
const BASE = '/api/v1/catalog';

/** 办事指南 — public: anyone may search, browse and read guides and answer situation questions. */
export function publicCatalogRoutes(app: App, services: CatalogServices): void {
  const { guides, situations } = services;
  app.get(
    `${BASE}/items`,
    {
      schema: {
        operationId: 'catalog.searchItems',
        tags,
        summary: '事项搜索 Search and browse published items visible in a region',
        querystring: SearchItemsQuery,
        response: { 200: page(ItemHit), ...problemResponses(400, 404) },
      },
    },
    (request) => guides.search(request.query),
  );

  app.get(
    `${BASE}/items/:idOrCode`,
    {
      schema: {
        operationId: 'catalog.getItem',
        tags,
        summary: '办事指南 The published guide of an item, by id or implementation code',
        params: IdOrCodeParams,
        response: { 200: GuideView, ...problemResponses(400, 404) },
      },
    },
    (request) => guides.get(request.params.idOrCode),
  );

  app.post(
    `${BASE}/items/:idOrCode/situation`,
    {
      schema: {
        operationId: 'catalog.evaluateSituation',
        tags,
        summary: '情形引导 Which materials, form sections and fees these answers need',
        params: IdOrCodeParams,
        body: EvaluateSituationRequest,
        response: { 200: SituationEvaluation, ...problemResponses(400, 404, 422) },
      },
    },
    (request) => situations.evaluate(request.params.idOrCode, request.body.answers),
  );

  app.post(
    `${BASE}/items/:idOrCode/form-check`,
    {
      schema: {
        operationId: 'catalog.checkApplicationForm',
        tags,
        summary: '表单校验 Check a filled-in application form against the published version',
        params: IdOrCodeParams,
        body: CheckApplicationFormRequest,
        response: { 200: ApplicationFormCheck, ...problemResponses(400, 404) },
      },
    },
    (request) => situations.checkForm(request.params.idOrCode, request.body.answers, request.body.data),
  );

  app.get(
    `${BASE}/hot-items`,
    {
      schema: {
        operationId: 'catalog.listHotItems',
        tags,
        summary: '热门事项 The most viewed guides of the last 30 days',
        querystring: HotItemsQuery,
        response: { 200: page(ItemHit), ...problemResponses(400, 404) },
      },
    },
    (request) => guides.hot(request.query),
  );

  app.get(
    `${BASE}/categories`,
    {
      schema: {
        operationId: 'catalog.listCategories',
        tags,
        summary: '分类浏览 Item types, themes and departments with their numbers of items',
        querystring: CategoriesQuery,
        response: { 200: CategoriesView, ...problemResponses(400, 404) },
      },
    },
    (request) => guides.categories(request.query),
  );
}
