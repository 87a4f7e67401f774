/**
 * 办件: applying, my cases, the staff workbench, acting on a case, notices, progress and item workflows.
 * Types come from `schema.d.ts` (generated from the server's OpenAPI document).
 */
import { currentLocale } from '../i18n';
import { ApiError, api, tokenStore } from './client';
import type { operations } from './schema';

type Ok<Id extends keyof operations, S extends number = 200> = operations[Id]['responses'] extends {
  [K in S]: { content: { 'application/json': infer T } };
}
  ? T
  : never;
type Query<Id extends keyof operations> = NonNullable<operations[Id]['parameters']['query']>;
type Body<Id extends keyof operations> = operations[Id] extends {
  requestBody: { content: { 'application/json': infer T } };
}
  ? T
  : never;

/** A case as its page shows it: form (with field access), materials, history, clock, and `actions` open now. */
export type CaseView = Ok<'cases.getCase'>;
export type CaseHistoryEntry = CaseView['history'][number];
export type CaseMaterial = CaseView['materials'][number];
export type CaseSummary = Ok<'cases.listMyCases'>['items'][number];
export type CasePage = Ok<'cases.listMyCases'>;
export type CaseStatus = CaseSummary['status'];
export type ClockFlag = CaseSummary['clock'];
export type SubmitCaseRequest = Body<'cases.submitCase'>;
export type SaveDraftRequest = Body<'cases.saveDraft'>;
export type RegisterAtWindowRequest = Body<'cases.registerAtWindow'>;
export type ActRequest = Body<'cases.act'>;
export type CaseActionName = ActRequest['action'];
export type ListCasesQuery = Query<'cases.listCases'>;
export type CaseBox = NonNullable<ListCasesQuery['box']>;
export type ProgressView = Ok<'cases.queryProgress'>;
export type NoticeKind = 'acceptance' | 'rejection' | 'supplement' | 'decision';
export type WorkflowVersion = Ok<'cases.listItemWorkflows'>[number];
export type WorkflowDefinition = WorkflowVersion['definition'];
export type WorkflowStep = WorkflowDefinition['steps'][number];
export type UploadedFile = Ok<'files.upload', 201>;
/** Staff who may act at the case's current or next step (cases.listCandidates). */
export type CaseCandidate = Ok<'cases.listCandidates'>[number];
export type BundleApplication = Ok<'cases.getBundleApplication'>;

const BASE = '/cases';

/** Raw calls (file upload, PDF download) the JSON client does not cover; same token and language. */
async function raw(method: string, url: string, body?: Blob): Promise<Response> {
  const headers: Record<string, string> = { 'Accept-Language': currentLocale() };
  const token = tokenStore.get();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body) headers['Content-Type'] = 'application/octet-stream';
  const response = await fetch(url, { method, headers, body });
  if (!response.ok) {
    const problem = await response.json().catch(() => null);
    throw new ApiError(
      problem ?? {
        type: 'about:blank',
        title: response.statusText,
        status: response.status,
        code: 'HTTP_ERROR',
      },
    );
  }
  return response;
}

/** Saves a downloaded response as a file in the browser. */
async function saveAs(response: Response, fallbackName: string): Promise<void> {
  const disposition = response.headers.get('content-disposition') ?? '';
  const match = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const name = match?.[1] ? decodeURIComponent(match[1]) : fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const casesApi = {
  submit: (body: SubmitCaseRequest) => api.post<CaseView>(BASE, body),
  saveDraft: (body: SaveDraftRequest) => api.post<CaseView>(`${BASE}/drafts`, body),
  registerAtWindow: (body: RegisterAtWindowRequest) => api.post<CaseView>(`${BASE}/window`, body),
  get: (id: string) => api.get<CaseView>(`${BASE}/${id}`, { quiet: true }),
  act: (id: string, body: ActRequest, options: { idempotencyKey?: string } = {}) =>
    api.post<CaseView>(`${BASE}/${id}/actions`, body, { quiet: true, ...options }),
  mine: (query: Query<'cases.listMyCases'> = {}) => api.get<CasePage>(`${BASE}/mine`, { query }),
  todo: (query: Query<'cases.listTodo'> = {}) => api.get<CasePage>(`${BASE}/todo`, { query }),
  list: (query: ListCasesQuery) => api.get<CasePage>(BASE, { query }),
  progress: (number: string, name: string) =>
    api.get<ProgressView>(`${BASE}/progress`, { query: { number, name }, quiet: true }),
  candidates: (id: string, step: 'current' | 'next') =>
    api.get<CaseCandidate[]>(`${BASE}/${id}/candidates`, { query: { step }, quiet: true }),
  workflowRoles: () => api.get<{ code: string; name: string }[]>(`${BASE}/workflow-roles`),
  bundleApplication: (id: string) => api.get<BundleApplication>(`${BASE}/bundles/${id}`),
  workflows: (itemId: string) => api.get<WorkflowVersion[]>(`${BASE}/workflows/${itemId}`),
  saveWorkflow: (itemId: string, definition: WorkflowDefinition, comment?: string) =>
    api.post<WorkflowVersion>(`${BASE}/workflows/${itemId}`, { definition, comment }),
  /** Uploads a material (type and size are checked by the server against the content). */
  upload: async (file: File, purpose = 'case-material'): Promise<UploadedFile> => {
    const url = `/api/v1/files?name=${encodeURIComponent(file.name)}&purpose=${purpose}`;
    return (await raw('POST', url, file)).json();
  },
  downloadNotice: async (id: string, kind: NoticeKind) =>
    saveAs(await raw('GET', `/api/v1${BASE}/${id}/notices/${kind}`), `${kind}.pdf`),
  downloadMaterial: async (id: string, fileId: string, name: string) =>
    saveAs(await raw('GET', `/api/v1${BASE}/${id}/materials/${fileId}`), name),
  /** The material as an object URL, for viewing in the page (images, PDF); revoke it when done. */
  materialUrl: async (id: string, fileId: string) =>
    URL.createObjectURL(await (await raw('GET', `/api/v1${BASE}/${id}/materials/${fileId}`)).blob()),
};

/** 轨迹校验: the case history re-hashed on the server (SM3 chain); `broken` names the first bad entry. */
export type CaseIntegrity = Ok<'cases.verifyHistory'>;

/** cases.verifyHistory — `GET /cases/:id/integrity`. */
export const verifyCaseHistory = (id: string) => api.get<CaseIntegrity>(`${BASE}/${id}/integrity`);

/** A notice (文书) PDF as an object URL, to open in a tab for printing; revoke it when done. */
export const caseNoticeUrl = async (id: string, kind: NoticeKind) =>
  URL.createObjectURL(await (await raw('GET', `/api/v1${BASE}/${id}/notices/${kind}`)).blob());
