import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { countRows } from '../../test/test-database.js';
import { aSubmittedCase, type CaseWorld, caseWorld } from './testing/world.js';

let w: CaseWorld;
beforeAll(async () => {
  w = await caseWorld();
});

async function accepted(): Promise<string> {
  const id = await aSubmittedCase(w);
  const response = await w.api.act(w.clerk, id, { action: 'accept' });
  if (response.statusCode !== 200) throw new Error(response.body);
  return id;
}

/** Runs the timer jobs of a case now, as if their time had come. */
async function fireTimers(caseId: string) {
  await w.db
    .updateTable('jobs')
    .set({ run_at: sql<Date>`now()` })
    .where('name', 'in', ['cases.supplementDeadline', 'cases.suspensionLimit'])
    .where(sql<boolean>`payload->>'caseId' = ${caseId}`)
    .execute();
  await w.platform.jobs.runDue();
}

describe('补正 (supplement)', () => {
  it('pauses the clock after acceptance, returns where it was when supplied, and is voided at its deadline', async () => {
    const id = await accepted();
    const request = await w.api.act(w.reviewer.headers, id, {
      action: 'requestSupplement',
      comment: '证明材料不清晰',
      payload: { items: [{ key: 'proof', label: '证明材料', reason: '扫描不清晰' }], deadlineDays: 3 },
    });
    expect(request.statusCode, request.body).toBe(200);
    const view = request.json();
    expect(view.status).toBe('supplementPending');
    expect(view.clock).toBe('paused');
    expect(view.supplement.deadline).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(view.notices).toContain('supplement');
    // the applicant supplies a new file: back in review, the pause closed
    const fileId = await w.api.upload(w.citizen, '证明-新.pdf');
    const supplied = await w.api.act(w.citizen, id, {
      action: 'supplement',
      payload: { materials: [{ materialId: 'proof', fileId }] },
    });
    expect(supplied.statusCode, supplied.body).toBe(200);
    expect(supplied.json()).toMatchObject({
      status: 'inReview',
      clock: expect.stringMatching(/normal|nearDue/),
    });
    expect(
      supplied.json().materials.find((m: { materialKey: string }) => m.materialKey === 'proof').fileId,
    ).toBe(fileId);

    // a second request is never supplied: its timer voids the case, once
    await w.api.act(w.reviewer.headers, id, {
      action: 'requestSupplement',
      payload: { items: [{ key: 'proof', label: '证明材料' }] },
    });
    await fireTimers(id);
    await fireTimers(id);
    const voided = (await w.api.get(w.citizen, id)).json();
    expect(voided.status).toBe('voided');
    expect(voided.history.filter((h: { type: string }) => h.type === 'void')).toHaveLength(1);
    const message = await w.db
      .selectFrom('notify_messages')
      .select('body')
      .where('subject', '=', '申请已作废')
      .execute();
    expect(message.length).toBeGreaterThan(0);
  });

  it('a supplement after its deadline is refused and nothing is written', async () => {
    const id = await accepted();
    const request = await w.api.act(w.reviewer.headers, id, {
      action: 'requestSupplement',
      payload: { items: [{ key: 'proof', label: '证明材料' }], deadlineDays: 1 },
    });
    const deadline = request.json().supplement.deadline as string;
    const before = await countRows(w.db, 'case_actions');
    const clock = w.services.cases.cases.clock;
    const realNow = clock.now;
    clock.now = () => new Date(new Date(`${deadline}T16:00:00Z`).getTime() + 86_400_000); // two days after
    const late = await w.api.act(w.citizen, id, { action: 'supplement', payload: {} }).finally(() => {
      clock.now = realNow;
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().code).toBe('CASE_SUPPLEMENT_EXPIRED');
    expect(await countRows(w.db, 'case_actions')).toBe(before);
  });

  it('a timer does nothing when the applicant supplied in time', async () => {
    const id = await accepted();
    await w.api.act(w.reviewer.headers, id, {
      action: 'requestSupplement',
      payload: { items: [{ key: 'proof', label: '证明材料' }] },
    });
    await w.api.act(w.citizen, id, { action: 'supplement', payload: {} });
    await fireTimers(id);
    expect((await w.api.get(w.citizen, id)).json().status).toBe('inReview');
  });
});

describe('特别程序 (special procedure)', () => {
  it('suspends with a limit, the clock paused and the due date unknown, and resumes itself at the limit', async () => {
    const id = await accepted();
    const dueBefore = (await w.api.get(w.clerk, id)).json().dueDate;
    const suspended = await w.api.act(w.reviewer.headers, id, {
      action: 'suspend',
      comment: '需现场核查',
      payload: { procedure: 'inspection', limitDays: 10 },
    });
    expect(suspended.statusCode, suspended.body).toBe(200);
    expect(suspended.json()).toMatchObject({ status: 'suspended', clock: 'paused', dueDate: null });
    expect(suspended.json().suspension).toMatchObject({ procedure: 'inspection' });
    await fireTimers(id);
    const resumed = (await w.api.get(w.reviewer.headers, id)).json();
    expect(resumed.status).toBe('inReview');
    // the suspension day itself is not counted: the due date moved at least one working day later
    expect(resumed.dueDate >= dueBefore).toBe(true);
    expect(resumed.history.at(-1)).toMatchObject({ type: 'resume', actorName: '系统' });
  });
});

describe('workflow primitives through the API', () => {
  it('会签: with two named reviewers the step completes only when both approve', async () => {
    const id = await aSubmittedCase(w);
    // 会签 needs the review step to sign with everyone: save a workflow version with signing 'all'
    const admin = await w.app.inject({
      method: 'POST',
      url: '/api/v1/identity/login',
      payload: { username: 'admin', password: 'Admin@Test-2026' },
    });
    const headers = { authorization: `Bearer ${admin.json().token}` };
    const current = (
      await w.app.inject({ method: 'GET', url: `/api/v1/cases/workflows/${w.itemId}`, headers })
    ).json();
    const definition = current[0].definition;
    definition.steps[1].signing = 'all';
    const saved = await w.app.inject({
      method: 'POST',
      url: `/api/v1/cases/workflows/${w.itemId}`,
      headers,
      payload: { definition, comment: '审查改为会签' },
    });
    expect(saved.statusCode, saved.body).toBe(201);
    // the running case keeps its workflow: single signing
    const old = await w.api.act(w.clerk, id, { action: 'accept' });
    expect(old.json()).toMatchObject({ workflowVersion: current[0].version === 0 ? 1 : current[0].version });
    expect(old.json().step.signing).toBe('single');

    const fresh = await aSubmittedCase(w);
    const accept = await w.api.act(w.clerk, fresh, {
      action: 'accept',
      payload: { assignees: [w.reviewer.id, w.reviewer2.id] },
    });
    expect(accept.statusCode, accept.body).toBe(200);
    expect(accept.json().step).toMatchObject({ signing: 'all' });
    expect((await w.api.act(w.reviewer.headers, fresh, { action: 'approve' })).json().stepKey).toBe('review');
    expect((await w.api.act(w.reviewer.headers, fresh, { action: 'approve' })).statusCode).toBe(409);
    expect((await w.api.act(w.reviewer2.headers, fresh, { action: 'approve' })).json().stepKey).toBe(
      'decide',
    );
  });

  it('refuses an assignee who cannot act at the next step', async () => {
    const id = await aSubmittedCase(w);
    const response = await w.api.act(w.clerk, id, {
      action: 'accept',
      payload: { assignees: [w.approver.id] },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().code).toBe('CASE_ASSIGNEE_INVALID');
  });

  it('转办, 委派, 退回 and 撤回', async () => {
    const id = await accepted();
    await w.api.act(w.reviewer.headers, id, { action: 'claim' });
    const transferred = await w.api.act(w.reviewer.headers, id, {
      action: 'transfer',
      payload: { to: w.reviewer2.id },
    });
    expect(transferred.json().step.holders).toEqual([{ id: w.reviewer2.id, name: 'wjw_reviewer2' }]);
    const delegated = await w.api.act(w.reviewer2.headers, id, {
      action: 'delegate',
      payload: { to: w.reviewer.id },
    });
    expect(delegated.json().step.delegatedTo.id).toBe(w.reviewer.id);
    expect((await w.api.act(w.reviewer2.headers, id, { action: 'approve' })).json().code).toBe(
      'CASE_TASK_TAKEN',
    );
    await w.api.act(w.reviewer.headers, id, { action: 'returnDelegation', comment: '已核实' });
    const reviewed = await w.api.act(w.reviewer2.headers, id, { action: 'approve' });
    expect(reviewed.json().stepKey).toBe('decide');
    // 撤回 before the approver acts
    const recalled = await w.api.act(w.reviewer2.headers, id, { action: 'recall' });
    expect(recalled.json().stepKey).toBe('review');
    await w.api.act(w.reviewer2.headers, id, { action: 'approve' });
    // 退回 from the decision step to review: back to the reviewer who completed it
    const sentBack = await w.api.act(w.approver.headers, id, {
      action: 'sendBack',
      comment: '请补充核查意见',
      payload: { toStep: 'review' },
    });
    expect(sentBack.json()).toMatchObject({ stepKey: 'review' });
    expect(sentBack.json().step.holders[0].id).toBe(w.reviewer2.id);
  });

  it('withdrawn by the applicant before a decision, not after', async () => {
    const id = await accepted();
    const withdrawn = await w.api.act(w.citizen, id, { action: 'withdraw', payload: { reason: '不再需要' } });
    expect(withdrawn.json().status).toBe('withdrawn');
    expect((await w.api.act(w.citizen, id, { action: 'withdraw' })).statusCode).toBe(409);
  });
});

describe('window desk and notices', () => {
  it('registers a walk-in applicant by ID number, accepts on the spot and prints the acceptance notice', async () => {
    const fileId = await w.api.upload(w.clerk, '扫描件.pdf');
    const response = await w.app.inject({
      method: 'POST',
      url: '/api/v1/cases/window',
      headers: w.clerk,
      payload: {
        itemId: w.itemId,
        applicant: { name: '王五', idNumber: '11010519491231002X', phone: '13900000009' },
        formData: { name: '王五', note: '窗口' },
        situationAnswers: { q1: 'yes' },
        materials: [{ materialId: 'proof', fileId }],
        acceptNow: true,
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    const view = response.json();
    expect(view).toMatchObject({ channel: 'window', status: 'inReview', applicant: { name: '王*' } });
    expect(view.applicant.idNumber).toBe('1101**********002X');
    const pdf = await w.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${view.id}/notices/acceptance`,
      headers: w.clerk,
    });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
    const doc = await getDocument({ data: new Uint8Array(pdf.rawPayload), useSystemFonts: false }).promise;
    const page = await doc.getPage(1);
    const text = (await page.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join('');
    expect(text).toContain('受理通知书');
    expect(text).toContain('王五');
    expect(text).toContain(view.number);
    // not reached yet: 404
    const decision = await w.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${view.id}/notices/decision`,
      headers: w.clerk,
    });
    expect(decision.statusCode).toBe(404);
  });

  it('refuses a bad ID number', async () => {
    const response = await w.app.inject({
      method: 'POST',
      url: '/api/v1/cases/window',
      headers: w.clerk,
      payload: {
        itemId: w.itemId,
        applicant: { name: '王五', idNumber: '110105194912310021' },
        formData: { name: '王五' },
        situationAnswers: { q1: 'no' },
      },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('body.applicant.idNumber');
  });

  it('the public progress query needs the number and the applicant name, and shows no personal data', async () => {
    const id = await aSubmittedCase(w);
    const number = (await w.api.get(w.citizen, id)).json().number;
    const ok = await w.app.inject({
      method: 'GET',
      url: `/api/v1/cases/progress?number=${number}&name=${encodeURIComponent('张三')}`,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ number, applicantStatus: 'received' });
    expect(ok.body).not.toContain('张');
    const wrong = await w.app.inject({
      method: 'GET',
      url: `/api/v1/cases/progress?number=${number}&name=${encodeURIComponent('李四')}`,
    });
    expect(wrong.statusCode).toBe(404);
    // guessing names at scale is cut off per client address
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++)
      statuses.push(
        (
          await w.app.inject({
            method: 'GET',
            url: `/api/v1/cases/progress?number=${number}&name=${encodeURIComponent(`王${i}`)}`,
          })
        ).statusCode,
      );
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.filter((s) => s === 404).length).toBe(28);
  });
});

describe('workbench lists', () => {
  it('已办, 我发起, 抄送 and the department scope', async () => {
    const id = await accepted();
    const done = (await w.api.list(w.clerk, '?box=done')).json().items.map((c: { id: string }) => c.id);
    expect(done).toContain(id);
    await w.api.act(w.reviewer.headers, id, { action: 'cc', payload: { users: [w.approver.id] } });
    const copied = (await w.api.list(w.approver.headers, '?box=copied'))
      .json()
      .items.map((c: { id: string }) => c.id);
    expect(copied).toContain(id);
    const scope = (await w.api.list(w.approver.headers, '?box=scope'))
      .json()
      .items.map((c: { id: string }) => c.id);
    expect(scope).toContain(id);
    const number = (await w.api.get(w.clerk, id)).json().number;
    const byNumber = (await w.api.list(w.approver.headers, `?box=scope&number=${number}`)).json().items;
    expect(byNumber.map((c: { id: string }) => c.id)).toEqual([id]);
    const byApplicant = (
      await w.api.list(w.approver.headers, `?box=scope&applicant=${encodeURIComponent('张三')}`)
    ).json();
    expect(byApplicant.items.length).toBeGreaterThan(0);
    expect((await w.api.list(w.reviewer.headers, '?box=scope')).statusCode).toBe(403);
  });
});

describe('a crash mid-transition', () => {
  it('leaves the case in its previous state: no action, no task change, no timer, no audit record', async () => {
    const id = await accepted();
    await w.api.act(w.reviewer.headers, id, { action: 'claim' });
    const before = (await w.api.get(w.reviewer.headers, id)).json();
    const counts = async () => ({
      actions: await countRows(w.db, 'case_actions'),
      tasks: await countRows(w.db, 'case_tasks'),
      jobs: await countRows(w.db, 'jobs'),
      audit: await countRows(w.db, 'audit_ledger'),
      messages: await countRows(w.db, 'notify_messages'),
    });
    const had = await counts();
    // a late write of the transition (its timer, after the action and projection) fails, as a crash would
    await sql`create function case_timer_fail() returns trigger language plpgsql as $$
      begin if new.name = 'cases.supplementDeadline' then raise exception 'simulated crash'; end if; return new; end $$`.execute(
      w.db,
    );
    await sql`create trigger case_timer_fail before insert on jobs for each row execute function case_timer_fail()`.execute(
      w.db,
    );
    try {
      const response = await w.api.act(w.reviewer.headers, id, {
        action: 'requestSupplement',
        payload: { items: [{ key: 'proof', label: '证明材料' }] },
      });
      expect(response.statusCode).toBe(500);
    } finally {
      await sql`drop trigger case_timer_fail on jobs`.execute(w.db);
      await sql`drop function case_timer_fail()`.execute(w.db);
    }
    expect(await counts()).toEqual(had);
    const after = (await w.api.get(w.reviewer.headers, id)).json();
    expect(after).toMatchObject({ status: before.status, seq: before.seq, stepKey: before.stepKey });
    // and the case still moves on
    const retry = await w.api.act(w.reviewer.headers, id, {
      action: 'requestSupplement',
      payload: { items: [{ key: 'proof', label: '证明材料' }] },
    });
    expect(retry.json().status).toBe('supplementPending');
  });
});

describe('time limits', () => {
  it('an overdue case is flagged in lists and reported once to the holders and the department supervisors', async () => {
    const id = await accepted();
    await w.api.act(w.reviewer.headers, id, { action: 'claim' });
    // as if the committed limit had run out: the projection's due date lies in the past
    await w.db
      .updateTable('cases')
      .set({ due_date: '2020-01-02', near_due_date: '2020-01-01' })
      .where('id', '=', id)
      .execute();
    const overdue = (await w.api.list(w.reviewer.headers, '?box=todo&clock=overdue')).json().items;
    expect(overdue.map((c: { id: string; clock: string }) => [c.id, c.clock])).toContainEqual([
      id,
      'overdue',
    ]);
    const { sweep } = await import('./clock-sweep.js');
    expect(await sweep(w.db, w.platform.notifier, 'overdue')).toBeGreaterThanOrEqual(1);
    expect(await sweep(w.db, w.platform.notifier, 'overdue')).toBe(0);
    const messages = await w.db
      .selectFrom('notify_messages')
      .select('recipient')
      .where('subject', '=', '办件超期督办')
      .where('body', 'like', `%${(await w.api.get(w.reviewer.headers, id)).json().number}%`)
      .execute();
    expect(messages.map((m) => m.recipient).sort()).toEqual([w.approver.id, w.reviewer.id].sort());
  });
});
