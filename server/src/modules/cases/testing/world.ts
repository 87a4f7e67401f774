import { loadCatalogDemoNow } from '../../../demo/catalog-demo.js';
import { DEMO_PASSWORD } from '../../../demo/demo-data.js';
import { aPdf } from '../../../platform/storage/testing/samples.js';
import { makeStaff, sessionFor } from '../../../test/organisations.js';
import { signIn, startTestApp, type TestApp } from '../../../test/test-app.js';
import type { ItemGuide } from '../../catalog/guide-schema.js';
import { aBasicItem, aDraft, catalogClient, departmentId, publish } from '../../catalog/testing/api.js';

type Headers = Record<string, string>;

/**
 * Test world for case handling: the demo organisation and catalogue, one published item of 海口市卫健委
 * (aGuide: form with a required name, a questionnaire selecting a PDF proof), its window clerk (the demo
 * `clerk` of the 海口 hall), two reviewers and an approver of the department, and the citizen 张三.
 */
export async function caseWorld(guide: Partial<ItemGuide> = {}, existing?: TestApp) {
  const t = existing ?? (await startTestApp());
  await loadCatalogDemoNow(t.db, t.services);
  const author = catalogClient(t.app, await signIn(t.app, 'itemadmin', DEMO_PASSWORD));
  const itemReviewer = catalogClient(t.app, await signIn(t.app, 'itemreviewer', DEMO_PASSWORD));
  const wjw = await departmentId(t.db, 'HK-WJW');
  const basic = await aBasicItem(author);
  const draft = await aDraft(author, basic.id, wjw, guide);
  await publish(author, itemReviewer, draft.id);
  const role = async (code: string) =>
    (await t.db.selectFrom('roles').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  const reviewerRole = await role('case_reviewer');
  const headRole = await role('dept_head');
  const staff = async (roleId: string, name: string) => {
    const id = await makeStaff(t.db, wjw, [roleId], name);
    return { id, headers: await sessionFor(t.db, id) };
  };
  const world = {
    ...t,
    itemId: draft.itemId,
    itemCode: draft.itemCode,
    departmentId: wjw,
    citizen: await signIn(t.app, '13800000001', DEMO_PASSWORD),
    otherCitizen: await signIn(t.app, '13800000002', DEMO_PASSWORD),
    clerk: await signIn(t.app, 'clerk', DEMO_PASSWORD),
    reviewer: await staff(reviewerRole, 'wjw_reviewer1'),
    reviewer2: await staff(reviewerRole, 'wjw_reviewer2'),
    approver: await staff(headRole, 'wjw_head'),
  };
  return { ...world, api: casesApi(t.app) };
}

export type CaseWorld = Awaited<ReturnType<typeof caseWorld>>;

export function casesApi(app: TestApp['app']) {
  return {
    upload: async (headers: Headers, name = '证明.pdf', bytes: Buffer = aPdf()) => {
      const response = await app.inject({
        method: 'POST',
        url: `/api/v1/files?name=${encodeURIComponent(name)}&purpose=case-material`,
        headers: { ...headers, 'content-type': 'application/octet-stream' },
        payload: bytes,
      });
      if (response.statusCode !== 201) throw new Error(response.body);
      return response.json().id as string;
    },
    submit: (headers: Headers, body: object, extra: Headers = {}) =>
      app.inject({ method: 'POST', url: '/api/v1/cases', headers: { ...headers, ...extra }, payload: body }),
    draft: (headers: Headers, body: object) =>
      app.inject({ method: 'POST', url: '/api/v1/cases/drafts', headers, payload: body }),
    get: (headers: Headers, id: string) => app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, headers }),
    act: (headers: Headers, id: string, body: object, extra: Headers = {}) =>
      app.inject({
        method: 'POST',
        url: `/api/v1/cases/${id}/actions`,
        headers: { ...headers, ...extra },
        payload: body,
      }),
    todo: (headers: Headers, query = '') =>
      app.inject({ method: 'GET', url: `/api/v1/cases/todo${query}`, headers }),
    list: (headers: Headers, query = '') =>
      app.inject({ method: 'GET', url: `/api/v1/cases${query}`, headers }),
    mine: (headers: Headers) => app.inject({ method: 'GET', url: '/api/v1/cases/mine', headers }),
  };
}

/** A complete application for the world's item: 张三, who needs the proof (questionnaire answer yes). */
export async function anApplication(world: CaseWorld, proof = true) {
  const fileId = proof ? await world.api.upload(world.citizen) : null;
  return {
    itemId: world.itemId,
    formData: { name: '张三', age: 36, ...(proof ? { note: '需要证明' } : {}) },
    situationAnswers: { q1: proof ? 'yes' : 'no' },
    materials: fileId ? [{ materialId: 'proof', fileId }] : [],
  };
}

/** Submits an application and returns the case id (throws unless 201). */
export async function aSubmittedCase(world: CaseWorld): Promise<string> {
  const response = await world.api.submit(world.citizen, await anApplication(world));
  if (response.statusCode !== 201) throw new Error(response.body);
  return response.json().id;
}
