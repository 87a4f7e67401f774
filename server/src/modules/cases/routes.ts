import { Type } from 'typebox';
import type { App } from '../../platform/http/app-type.js';
import { heldScope, requireAuth, requirePermission } from '../../platform/http/auth.js';
import type { RequestContext } from '../../platform/http/context.js';
import { DomainError } from '../../platform/http/errors.js';
import { problemResponses } from '../../platform/http/openapi.js';
import { page } from '../../platform/http/paging.js';
import { replyWithBytes, replyWithFile } from '../../platform/storage/download.js';
import { Permissions } from '../identity/permissions.js';
import { roleNames } from './access.js';
import { NOTICE_KINDS } from './notices.pdf.js';
import {
  ActRequest,
  BundleApplicationView,
  CaseIdParams,
  CaseSummary,
  CaseView,
  ListCasesQuery,
  ListMineQuery,
  ProgressQuery,
  ProgressView,
  RegisterAtWindowRequest,
  SaveDraftRequest,
  SubmitBundleRequest,
  SubmitCaseRequest,
} from './schema.js';
import type { CaseServices } from './services.js';
import { WorkflowDefinition, WorkflowVersionView } from './workflow-schema.js';

const tags = ['cases'];
const BASE = '/api/v1/cases';

/** 办件 — applying, the workbench, acting on a case, progress, and item workflows. */
export function caseRoutes(app: App, { cases, queries, workflows }: CaseServices): void {
  app.post(
    BASE,
    {
      schema: {
        operationId: 'cases.submitCase',
        tags,
        summary: '提交申请 Apply for an item (or submit a draft): form, situation answers and materials',
        body: SubmitCaseRequest,
        response: { 201: CaseView, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
      preHandler: requireAuth(),
    },
    async (request, reply) => {
      const id = await cases.submit(request.ctx, request.body);
      return reply.code(201).send(await cases.view(request.ctx, id));
    },
  );

  app.post(
    `${BASE}/bundles`,
    {
      schema: {
        operationId: 'cases.submitBundle',
        tags,
        summary: '一件事申报 Apply for a bundle: one shared form, member cases dispatched in order',
        body: SubmitBundleRequest,
        response: { 201: BundleApplicationView, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
      preHandler: requireAuth(),
    },
    async (request, reply) => {
      const id = await cases.submitBundle(request.ctx, request.body);
      return reply.code(201).send(await cases.bundles.view(request.ctx, id));
    },
  );

  app.get(
    `${BASE}/bundles/:id`,
    {
      schema: {
        operationId: 'cases.getBundleApplication',
        tags,
        summary: '一件事办理情况 A bundle application and its member cases in dispatch order',
        params: CaseIdParams,
        response: { 200: BundleApplicationView, ...problemResponses(401, 404) },
      },
      preHandler: requireAuth(),
    },
    (request) => cases.bundles.view(request.ctx, request.params.id),
  );

  app.post(
    `${BASE}/drafts`,
    {
      schema: {
        operationId: 'cases.saveDraft',
        tags,
        summary: '保存草稿 Save an application as a draft (new, or more of an existing draft)',
        body: SaveDraftRequest,
        response: { 200: CaseView, ...problemResponses(400, 401, 403, 404, 409) },
      },
      preHandler: requireAuth(),
    },
    async (request) => cases.view(request.ctx, await cases.saveDraft(request.ctx, request.body)),
  );

  app.get(
    `${BASE}/mine`,
    {
      schema: {
        operationId: 'cases.listMyCases',
        tags,
        summary: '我的办件 The caller’s applications, newest first',
        querystring: ListMineQuery,
        response: { 200: page(CaseSummary), ...problemResponses(400, 401) },
      },
      preHandler: requireAuth(),
    },
    (request) => queries.listMine(request.ctx, request.query),
  );

  app.get(
    `${BASE}/todo`,
    {
      schema: {
        operationId: 'cases.listTodo',
        tags,
        summary: '待办 Cases the caller (or their pool) may act on now',
        querystring: Type.Omit(ListCasesQuery, ['box']),
        response: { 200: page(CaseSummary), ...problemResponses(400, 401, 403) },
      },
      preHandler: requirePermission(Permissions.caseHandle),
    },
    (request) => queries.list(request.ctx, { ...request.query, box: 'todo' }),
  );

  app.get(
    BASE,
    {
      schema: {
        operationId: 'cases.listCases',
        tags,
        summary: '办件查询 A workbench box (todo, done, started, copied, scope), filtered',
        querystring: ListCasesQuery,
        response: { 200: page(CaseSummary), ...problemResponses(400, 401, 403) },
      },
      preHandler: requireAuth(),
    },
    (request) => {
      // 部门办件 (box=scope) is supervision (cases:read); the other boxes are the handler's workbench
      requireHeld(request.ctx, request.query.box === 'scope' ? Permissions.caseRead : Permissions.caseHandle);
      return queries.list(request.ctx, request.query);
    },
  );

  app.get(
    `${BASE}/progress`,
    {
      schema: {
        operationId: 'cases.queryProgress',
        tags,
        summary: '办件进度查询 Public: progress by case number and applicant name (no personal data)',
        querystring: ProgressQuery,
        response: { 200: ProgressView, ...problemResponses(400, 404, 429) },
      },
    },
    (request) => queries.progress(request.query.number, request.query.name, request.ip ?? null),
  );

  app.get(
    `${BASE}/:id`,
    {
      schema: {
        operationId: 'cases.getCase',
        tags,
        summary: '办件详情 A case: form, materials, history, clock and the actions open to the caller',
        params: CaseIdParams,
        response: { 200: CaseView, ...problemResponses(401, 404) },
      },
      preHandler: requireAuth(),
    },
    (request) => cases.view(request.ctx, request.params.id),
  );

  app.post(
    `${BASE}/:id/actions`,
    {
      schema: {
        operationId: 'cases.act',
        tags,
        summary: '办理 Take one action on a case (accept, reject, approve, requestSupplement, issue …)',
        params: CaseIdParams,
        body: ActRequest,
        response: { 200: CaseView, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
      preHandler: requireAuth(),
    },
    async (request) => cases.view(request.ctx, await cases.act(request.ctx, request.params.id, request.body)),
  );

  app.get(
    `${BASE}/:id/materials/:fileId`,
    {
      schema: {
        operationId: 'cases.downloadMaterial',
        tags,
        summary: '材料查看 A material of the case (for those who may read the case)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }), fileId: Type.String({ format: 'uuid' }) }),
        response: {
          200: {
            description: 'The file',
            content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
          },
          ...problemResponses(401, 404),
        },
      },
      preHandler: requireAuth(),
    },
    async (request, reply) => {
      const { file, bytes } = await cases.material(request.ctx, request.params.id, request.params.fileId);
      return replyWithFile(reply, file, bytes);
    },
  );

  app.get(
    `${BASE}/:id/notices/:kind`,
    {
      schema: {
        operationId: 'cases.downloadNotice',
        tags,
        summary:
          '文书下载 A notice of the case as PDF (受理通知书, 不予受理决定书, 补正材料通知书, 许可决定书)',
        params: Type.Object({ id: Type.String({ format: 'uuid' }), kind: Type.Enum(NOTICE_KINDS) }),
        response: {
          200: {
            description: 'The notice',
            content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
          },
          ...problemResponses(401, 404),
        },
      },
      preHandler: requireAuth(),
    },
    async (request, reply) => {
      const { name, bytes } = await cases.notice(request.ctx, request.params.id, request.params.kind);
      return replyWithBytes(reply, { name, mediaType: 'application/pdf' }, bytes);
    },
  );

  app.post(
    `${BASE}/window`,
    {
      schema: {
        operationId: 'cases.registerAtWindow',
        tags,
        summary:
          '窗口收件 Register a walk-in applicant’s case (identity by ID number), optionally accepting it at once',
        body: RegisterAtWindowRequest,
        response: { 201: CaseView, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
      preHandler: requirePermission(Permissions.caseWindow),
    },
    async (request, reply) => {
      const id = await cases.registerAtWindow(request.ctx, request.body);
      return reply.code(201).send(await cases.view(request.ctx, id));
    },
  );

  app.get(
    `${BASE}/:id/integrity`,
    {
      schema: {
        operationId: 'cases.verifyHistory',
        tags,
        summary: '轨迹校验 Re-hash the case history (SM3 chain)',
        params: CaseIdParams,
        response: {
          200: Type.Object({
            intact: Type.Boolean(),
            actions: Type.Integer(),
            broken: Type.Union([Type.Object({ seq: Type.Integer(), reason: Type.String() }), Type.Null()]),
          }),
          ...problemResponses(401, 404),
        },
      },
      preHandler: requireAuth(),
    },
    (request) => cases.verifyHistory(request.ctx, request.params.id),
  );

  app.get(
    `${BASE}/:id/candidates`,
    {
      schema: {
        operationId: 'cases.listCandidates',
        tags,
        summary: '可选办理人 Staff who may act at the current (or next) step of the case',
        params: CaseIdParams,
        querystring: Type.Object(
          { step: Type.Optional(Type.Enum(['current', 'next'], { default: 'current' })) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Array(
            Type.Object({ id: Type.String(), name: Type.String(), departmentName: Type.String() }),
          ),
          ...problemResponses(401, 404),
        },
      },
      preHandler: requirePermission(Permissions.caseHandle),
    },
    (request) => cases.candidates(request.ctx, request.params.id, request.query.step ?? 'current'),
  );

  app.get(
    `${BASE}/workflow-roles`,
    {
      schema: {
        operationId: 'cases.listWorkflowRoles',
        tags,
        summary: '流程角色 Roles a workflow step may name',
        response: {
          200: Type.Array(Type.Object({ code: Type.String(), name: Type.String() })),
          ...problemResponses(401, 403),
        },
      },
      preHandler: requirePermission(Permissions.caseWorkflowManage),
    },
    () => roleNames(workflows.db),
  );

  const ItemParams = Type.Object(
    { itemId: Type.String({ format: 'uuid' }) },
    { additionalProperties: false },
  );
  app.get(
    `${BASE}/workflows/:itemId`,
    {
      schema: {
        operationId: 'cases.listItemWorkflows',
        tags,
        summary: '审批流程 Versions of an item’s workflow, newest first',
        params: ItemParams,
        response: { 200: Type.Array(WorkflowVersionView), ...problemResponses(401, 403, 404) },
      },
      preHandler: requirePermission(Permissions.caseWorkflowManage),
    },
    (request) => workflows.list(request.ctx, request.params.itemId),
  );

  app.post(
    `${BASE}/workflows/:itemId`,
    {
      schema: {
        operationId: 'cases.saveItemWorkflow',
        tags,
        summary: '保存审批流程 A new version of an item’s workflow (running cases keep theirs)',
        params: ItemParams,
        body: Type.Object(
          { definition: WorkflowDefinition, comment: Type.Optional(Type.String({ maxLength: 500 })) },
          { additionalProperties: false },
        ),
        response: { 201: WorkflowVersionView, ...problemResponses(400, 401, 403, 404, 422) },
      },
      preHandler: requirePermission(Permissions.caseWorkflowManage),
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await workflows.save(
            request.ctx,
            request.params.itemId,
            request.body.definition,
            request.body.comment ?? '',
          ),
        ),
  );
}

function requireHeld(ctx: RequestContext, permission: string): void {
  if (!ctx.actor) throw new DomainError('UNAUTHENTICATED');
  if (!heldScope(ctx.actor.permissions, permission)) throw new DomainError('FORBIDDEN');
}
