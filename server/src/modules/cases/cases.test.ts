import { beforeAll, describe, expect, it } from 'vitest';
import { countRows } from '../../test/test-database.js';
import { anApplication, aSubmittedCase, type CaseWorld, caseWorld } from './testing/world.js';

let w: CaseWorld;
beforeAll(async () => {
  w = await caseWorld();
});

describe('applying', () => {
  it('submits an application: a numbered case, its history and a task in the acceptance pool', async () => {
    const response = await w.api.submit(w.citizen, await anApplication(w));
    expect(response.statusCode, response.body).toBe(201);
    const view = response.json();
    expect(view.status).toBe('submitted');
    expect(view.number).toMatch(/^460100-\d{8}-HKWJW-\d{6}$/);
    expect(view.applicant.name).toBe('张*');
    expect(view.history.map((h: { type: string }) => h.type)).toEqual(['create', 'submit']);
    expect(view.actions).toContain('withdraw');
    const todo = (await w.api.todo(w.clerk)).json();
    expect(todo.items.map((c: { id: string }) => c.id)).toContain(view.id);
    const notTodo = (await w.api.todo(w.reviewer.headers)).json();
    expect(notTodo.items.map((c: { id: string }) => c.id)).not.toContain(view.id);
  });

  it('refuses an incomplete application naming each problem, and writes nothing', async () => {
    const before = await countRows(w.db, 'cases');
    const response = await w.api.submit(w.citizen, {
      itemId: w.itemId,
      formData: { age: -1 },
      situationAnswers: { q1: 'yes' },
      materials: [],
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('CASE_INCOMPLETE');
    const fields = response.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['body.formData.name', 'body.formData.age', 'body.materials.proof']),
    );
    expect(await countRows(w.db, 'cases')).toBe(before);
  });

  it('refuses a material of the wrong type and a file that is someone else’s', async () => {
    const png = await w.api.upload(
      w.citizen,
      '证明.png',
      (await import('../../platform/storage/testing/samples.js')).aPng(),
    );
    const others = await w.api.upload(w.otherCitizen);
    for (const fileId of [png, others]) {
      const response = await w.api.submit(w.citizen, {
        ...(await anApplication(w)),
        materials: [{ materialId: 'proof', fileId }],
      });
      expect(response.statusCode).toBe(422);
      expect(response.json().errors[0].field).toBe('body.materials.0.fileId');
    }
  });

  it('saves a draft, then submits it whole (what is sent replaces the draft)', async () => {
    const application = await anApplication(w);
    const draft = await w.api.draft(w.citizen, {
      itemId: w.itemId,
      formData: { name: '张三', note: '旧的说明' },
      situationAnswers: { q1: 'yes' },
      materials: application.materials,
    });
    expect(draft.statusCode, draft.body).toBe(200);
    expect(draft.json()).toMatchObject({ status: 'draft', number: null });
    const submitted = await w.api.submit(w.citizen, {
      draftId: draft.json().id,
      formData: { name: '张三', age: 30 },
      situationAnswers: { q1: 'yes' },
    });
    expect(submitted.statusCode, submitted.body).toBe(201);
    expect(submitted.json().status).toBe('submitted');
    expect(submitted.json().form.data).toEqual({ name: '张三', age: 30 });
    expect(submitted.json().materials).toHaveLength(1);
  });

  it('a draft or a supplement cannot take someone else’s file (it could then be read through the case)', async () => {
    const others = await w.api.upload(w.otherCitizen, '李四的证明.pdf');
    const before = await countRows(w.db, 'cases');
    const draft = await w.api.draft(w.citizen, {
      itemId: w.itemId,
      materials: [{ materialId: 'proof', fileId: others }],
    });
    expect(draft.statusCode).toBe(422);
    expect(draft.json().errors[0].field).toBe('body.materials.0.fileId');
    expect(await countRows(w.db, 'cases')).toBe(before);
    const id = await aSubmittedCase(w);
    await w.api.act(w.clerk, id, {
      action: 'requestSupplement',
      payload: { items: [{ key: 'proof', label: '证明材料' }] },
    });
    const supplement = await w.api.act(w.citizen, id, {
      action: 'supplement',
      payload: { materials: [{ materialId: 'proof', fileId: others }] },
    });
    expect(supplement.statusCode).toBe(422);
    const clerkTry = await w.api.act(w.clerk, id, {
      action: 'supplement',
      payload: { materials: [{ materialId: 'proof', fileId: others }] },
    });
    expect(clerkTry.statusCode).toBe(403);
  });

  it('only citizens apply', async () => {
    const response = await w.api.submit(w.clerk, await anApplication(w));
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('CASE_APPLICANT_REQUIRED');
  });
});

describe('handling a case through the standard workflow', () => {
  it('accept → review → approve → issue → close, with the clock started at acceptance', async () => {
    const id = await aSubmittedCase(w);
    const accept = await w.api.act(w.clerk, id, { action: 'accept', comment: '材料齐全，予以受理' });
    expect(accept.statusCode, accept.body).toBe(200);
    expect(accept.json()).toMatchObject({ status: 'inReview', stepKey: 'review' });
    expect(accept.json().dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // the department's reviewers see it in their pool; the clerk no longer does
    const pool = (await w.api.todo(w.reviewer2.headers)).json().items.map((c: { id: string }) => c.id);
    expect(pool).toContain(id);
    expect((await w.api.act(w.reviewer.headers, id, { action: 'claim' })).statusCode).toBe(200);
    const taken = await w.api.act(w.reviewer2.headers, id, { action: 'approve' });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe('CASE_TASK_TAKEN');
    const reviewed = await w.api.act(w.reviewer.headers, id, { action: 'approve', comment: '审查通过' });
    expect(reviewed.json().stepKey).toBe('decide');
    const decided = await w.api.act(w.approver.headers, id, { action: 'approve', comment: '同意' });
    expect(decided.json()).toMatchObject({ status: 'approved', decision: 'approved', stepKey: 'issue' });
    const issued = await w.api.act(w.clerk, id, {
      action: 'issue',
      payload: { method: 'mail', trackingNumber: 'SF1234567890' },
    });
    expect(issued.json().status).toBe('resultIssued');
    const closed = await w.api.act(w.citizen, id, { action: 'close', comment: '已收到' });
    expect(closed.json().status).toBe('closed');
    // the applicant's timeline hides internal moves and names the department instead of staff
    const mine = (await w.api.get(w.citizen, id)).json();
    expect(mine.history.map((h: { type: string }) => h.type)).not.toContain('claim');
    expect(mine.history.find((h: { type: string }) => h.type === 'accept').actorName).toBe(
      '海口市卫生健康委员会',
    );
    const integrity = await w.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${id}/integrity`,
      headers: w.approver.headers,
    });
    expect(integrity.json()).toMatchObject({ intact: true, actions: 8 });
  });

  it('an illegal action answers 409 and writes nothing; a stranger cannot see the case', async () => {
    const id = await aSubmittedCase(w);
    const before = await countRows(w.db, 'case_actions');
    const response = await w.api.act(w.clerk, id, { action: 'issue', payload: { method: 'pickup' } });
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('CASE_ILLEGAL_TRANSITION');
    // the department's reviewer may read it (a later step is theirs) but not accept it
    expect((await w.api.act(w.reviewer.headers, id, { action: 'accept' })).json().code).toBe(
      'CASE_FORBIDDEN',
    );
    expect((await w.api.get(w.otherCitizen, id)).statusCode).toBe(404);
    expect(await countRows(w.db, 'case_actions')).toBe(before);
  });

  it('not accepted needs a reason; the applicant is told', async () => {
    const id = await aSubmittedCase(w);
    expect((await w.api.act(w.clerk, id, { action: 'reject' })).statusCode).toBe(400);
    const rejected = await w.api.act(w.clerk, id, {
      action: 'reject',
      payload: { reason: '不属于本机关职权范围' },
    });
    expect(rejected.json().status).toBe('notAccepted');
    const messages = await w.db
      .selectFrom('notify_messages')
      .select(['subject', 'body'])
      .where('subject', '=', '不予受理')
      .execute();
    expect(messages.some((m) => m.body.includes('不属于本机关职权范围'))).toBe(true);
  });

  it('the same action with one Idempotency-Key is applied once', async () => {
    const id = await aSubmittedCase(w);
    const key = { 'idempotency-key': `accept-${id}` };
    const first = await w.api.act(w.clerk, id, { action: 'accept' }, key);
    const second = await w.api.act(w.clerk, id, { action: 'accept' }, key);
    expect(first.statusCode).toBe(200);
    expect(second.statusCode).toBe(200);
    expect(second.headers['idempotent-replayed']).toBe('true');
    const accepts = await w.db
      .selectFrom('case_actions')
      .select('seq')
      .where('case_id', '=', id)
      .where('type', '=', 'accept')
      .execute();
    expect(accepts).toHaveLength(1);
  });

  it('a stale expectedSeq answers 409 CASE_STALE', async () => {
    const id = await aSubmittedCase(w);
    const response = await w.api.act(w.clerk, id, { action: 'accept', expectedSeq: 1 });
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('CASE_STALE');
  });
});
