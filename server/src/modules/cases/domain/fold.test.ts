import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countedWorkingDays } from '../../../platform/calendar/working-days.js';
import { standardWorkflow, validateWorkflow, type Workflow } from '../../../shared/cases/workflow.js';
import { ACTION_TYPES, type ActionPayloads, type ActionType, type CaseAction } from './actions.js';
import { type ActionRecord, actionHash, genesisHash, verifyChain } from './chain.js';
import { applyAction, type CaseState, foldCase, IllegalTransition, initialState } from './fold.js';
import { FINAL_STATUSES, transitionAllowed } from './lifecycle.js';
import { availableActions, type CaseLocation, checkAction, type Who } from './rules.js';

const HOME = { departmentPath: 'd1.d2', regionCode: '460100' };
const at: CaseLocation = {
  departmentPath: 'd1.d2',
  regionCode: '460100',
  applicantUserId: 'citizen',
  channel: 'online',
};
const staff = (userId: string, role: string, home = HOME): Who => ({
  userId,
  kind: 'staff',
  roles: [role],
  home,
});
const people: Who[] = [
  { userId: 'citizen', kind: 'applicant', roles: [], home: null },
  { userId: 'stranger', kind: 'applicant', roles: [], home: null },
  staff('clerk1', 'window_clerk'),
  staff('clerk2', 'window_clerk', { departmentPath: 'x9', regionCode: '460100' }),
  staff('reviewer1', 'case_reviewer'),
  staff('reviewer2', 'case_reviewer', { departmentPath: 'd1.d2.d3', regionCode: '460100' }),
  staff('outsider', 'case_reviewer', { departmentPath: 'd7', regionCode: '460200' }),
  staff('head', 'dept_head'),
  { userId: 'system', kind: 'system', roles: [], home: null },
];

function payloadFor(type: ActionType, rnd: number): ActionPayloads[ActionType] {
  const someone = ['clerk2', 'reviewer2', 'head', 'reviewer1'][rnd % 4]!;
  switch (type) {
    case 'requestSupplement':
      return { items: [{ key: 'm1', label: '身份证' }], deadline: '2026-12-01' };
    case 'reject':
    case 'terminate':
      return { reason: '不符合条件' };
    case 'deny':
      return { comment: '不予许可' };
    case 'sendBack':
      return rnd % 3 === 0
        ? {
            toStep: 'applicant',
            comment: '补正',
            items: [{ key: 'f', label: '表单' }],
            deadline: '2026-12-01',
          }
        : { toStep: rnd % 2 ? 'review' : 'decide', comment: '退回' };
    case 'transfer':
    case 'delegate':
      return { to: someone };
    case 'addSigner':
      return { user: someone };
    case 'suspend':
      return { procedure: 'hearing', until: '2026-12-20' };
    case 'issue':
      return { method: 'pickup' };
    case 'instantCheck':
      return { passed: rnd % 2 === 0, failedRules: rnd % 2 ? ['age'] : [] };
    case 'comment':
      return { text: '意见' };
    case 'cc':
      return { users: [someone] };
    default:
      return {};
  }
}

/** Drives a case action by action, as the service would after the rules allowed each. */
function driver(workflow: Workflow) {
  let state = created(workflow);
  return {
    get state() {
      return state;
    },
    step(type: ActionType, actorId: string, payload: object = {}, time = '2026-11-02T01:00:00Z') {
      state = applyAction(
        state,
        { seq: state.seq + 1, type, actorId, at: time, payload } as CaseAction,
        workflow,
      );
    },
  };
}

const who = (id: string) => people.find((p) => p.userId === id)!;

function created(workflow: Workflow): CaseState {
  const create: CaseAction = {
    seq: 1,
    type: 'create',
    actorId: 'citizen',
    at: '2026-11-02T01:00:00.000Z',
    payload: { channel: 'online', formData: {}, answers: {}, materials: [] },
  };
  return initialState(create, workflow);
}

const steps = fc.array(
  fc.record({
    who: fc.integer({ min: 0, max: people.length - 1 }),
    type: fc.constantFrom(...ACTION_TYPES.filter((t) => t !== 'create')),
    rnd: fc.nat(1000),
  }),
  { maxLength: 60 },
);

describe('the case fold', () => {
  it('never leaves the transition table, and agrees with the rules about what is legal', () => {
    const workflow = standardWorkflow();
    fc.assert(
      fc.property(steps, (moves) => {
        let state = created(workflow);
        let seq = 1;
        for (const move of moves) {
          const who = people[move.who]!;
          const verdict = checkAction(state, workflow, at, who, move.type);
          const action = {
            seq: seq + 1,
            type: move.type,
            actorId: who.userId,
            at: new Date(Date.parse('2026-11-02T01:00:00Z') + seq * 3_600_000).toISOString(),
            payload: payloadFor(move.type, move.rnd),
          } as CaseAction;
          if (verdict !== null) continue;
          let next: CaseState;
          try {
            next = applyAction(state, action, workflow);
          } catch (error) {
            // the only illegal move the rules let through: 加签 of someone already signing
            expect(error).toBeInstanceOf(IllegalTransition);
            expect(move.type).toBe('addSigner');
            continue;
          }
          expect(transitionAllowed(state.status, next.status)).toBe(true);
          expect(FINAL_STATUSES.has(state.status)).toBe(false);
          // the clock is paused exactly while a special procedure or a post-acceptance supplement runs
          const open = next.pauses.filter((p) => p.to === null).length;
          expect(open).toBe(
            next.status === 'suspended' || (next.status === 'supplementPending' && next.acceptedAt) ? 1 : 0,
          );
          if (['approved', 'denied', 'terminated'].includes(next.status))
            expect(next.decision).toBe(next.status);
          if (next.status === 'inReview') expect(next.acceptedAt).not.toBeNull();
          seq++;
          state = next;
        }
      }),
      { numRuns: 400 },
    );
  });

  it('the clock never counts a day on which the case was suspended or waiting for a supplement', () => {
    const workflow = standardWorkflow();
    const start = Date.parse('2025-09-20T02:00:00Z');
    fc.assert(
      fc.property(
        steps,
        fc.array(fc.integer({ min: 1, max: 80 }), { minLength: 60, maxLength: 60 }),
        (moves, gaps) => {
          let state = created(workflow);
          let time = start;
          const stopped: { from: number; to: number }[] = [];
          let since: number | null = null;
          moves.forEach((move, i) => {
            const who = people[move.who]!;
            if (checkAction(state, workflow, at, who, move.type) !== null) return;
            time += gaps[i]! * 3_600_000; // hours to days between actions
            const action = {
              seq: state.seq + 1,
              type: move.type,
              actorId: who.userId,
              at: new Date(time).toISOString(),
              payload: payloadFor(move.type, move.rnd),
            } as CaseAction;
            try {
              state = applyAction(state, action, workflow);
            } catch {
              return;
            }
            const paused =
              state.status === 'suspended' || (state.status === 'supplementPending' && !!state.acceptedAt);
            if (paused && since === null) since = time;
            if (!paused && since !== null) {
              stopped.push({ from: since, to: time });
              since = null;
            }
          });
          if (since !== null) stopped.push({ from: since, to: time });
          if (!state.acceptedAt) return;
          const pauses = state.pauses.map((p) => ({
            from: new Date(p.from),
            to: p.to ? new Date(p.to) : null,
          }));
          for (const period of stopped) {
            // every stopped period lies inside a recorded pause, so no day it touches is counted
            expect(
              pauses.some(
                (p) => p.from.getTime() <= period.from && (p.to === null || p.to.getTime() >= period.to),
              ),
            ).toBe(true);
            expect(countedWorkingDays(new Date(period.from), new Date(period.to), pauses)).toBe(0);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('folds a whole history to the state built action by action', () => {
    const workflow = standardWorkflow();
    const history: CaseAction[] = [
      {
        seq: 1,
        type: 'create',
        actorId: 'citizen',
        at: '2026-11-02T01:00:00Z',
        payload: { channel: 'online', formData: { a: 1 }, answers: {}, materials: [] },
      },
      {
        seq: 2,
        type: 'submit',
        actorId: 'citizen',
        at: '2026-11-02T02:00:00Z',
        payload: { formData: { b: 2 } },
      },
      { seq: 3, type: 'accept', actorId: 'clerk1', at: '2026-11-02T03:00:00Z', payload: {} },
      { seq: 4, type: 'claim', actorId: 'reviewer1', at: '2026-11-02T04:00:00Z', payload: {} },
      {
        seq: 5,
        type: 'suspend',
        actorId: 'reviewer1',
        at: '2026-11-03T04:00:00Z',
        payload: { procedure: 'inspection', until: '2026-11-10' },
      },
      { seq: 6, type: 'resume', actorId: 'reviewer1', at: '2026-11-05T04:00:00Z', payload: {} },
      {
        seq: 7,
        type: 'approve',
        actorId: 'reviewer1',
        at: '2026-11-06T04:00:00Z',
        payload: { formPatch: { b: 3 } },
      },
      { seq: 8, type: 'approve', actorId: 'head', at: '2026-11-06T05:00:00Z', payload: {} },
      {
        seq: 9,
        type: 'issue',
        actorId: 'clerk1',
        at: '2026-11-07T05:00:00Z',
        payload: { method: 'mail', trackingNumber: 'SF123' },
      },
      { seq: 10, type: 'close', actorId: 'citizen', at: '2026-11-09T05:00:00Z', payload: {} },
    ];
    const state = foldCase(history, workflow);
    expect(state.status).toBe('closed');
    // submit carries the whole form (replacing the draft's); the reviewer's patch changes one field
    expect(state.formData).toEqual({ b: 3 });
    expect(state.pauses).toEqual([{ from: '2026-11-03T04:00:00Z', to: '2026-11-05T04:00:00Z' }]);
    expect(state.decision).toBe('approved');
    expect(state.result).toMatchObject({ method: 'mail', trackingNumber: 'SF123' });
    expect(state.completedBy).toEqual({ 0: 'clerk1', 1: 'reviewer1', 2: 'head' });
  });

  it('会签 needs every signer, 或签 any one, 依次 each in turn', () => {
    const base = standardWorkflow();
    const flow = (signing: 'all' | 'any' | 'sequential'): Workflow => ({
      steps: base.steps.map((s) => (s.key === 'review' ? { ...s, signing } : s)),
    });
    for (const [signing, approvers, expected] of [
      ['all', ['reviewer1'], 'review'],
      ['all', ['reviewer1', 'reviewer2'], 'decide'],
      ['any', ['reviewer2'], 'decide'],
      ['sequential', ['reviewer1'], 'review'],
      ['sequential', ['reviewer1', 'reviewer2'], 'decide'],
    ] as const) {
      const workflow = flow(signing);
      const c = driver(workflow);
      const apply = (type: ActionType, actorId: string, payload: object = {}) => {
        expect(checkAction(c.state, workflow, at, who(actorId), type)).toBeNull();
        c.step(type, actorId, payload);
      };
      apply('submit', 'citizen');
      apply('accept', 'clerk1', { assignees: ['reviewer1', 'reviewer2'] });
      for (const approver of approvers) apply('approve', approver);
      expect(workflow.steps[c.state.step.index]!.key).toBe(expected);
    }
  });

  it('依次: the second signer waits for the first; a stranger is refused; recall works until the next step acts', () => {
    const base = standardWorkflow();
    const workflow: Workflow = {
      steps: base.steps.map((s) => (s.key === 'review' ? { ...s, signing: 'sequential' } : s)),
    };
    const c = driver(workflow);
    const step = c.step;
    step('submit', 'citizen');
    step('accept', 'clerk1', { assignees: ['reviewer1', 'reviewer2'] });
    expect(checkAction(c.state, workflow, at, who('reviewer2'), 'approve')).toBe('CASE_ILLEGAL_TRANSITION');
    expect(checkAction(c.state, workflow, at, who('outsider'), 'approve')).toBe('CASE_FORBIDDEN');
    expect(checkAction(c.state, workflow, at, who('citizen'), 'approve')).toBe('CASE_FORBIDDEN');
    step('approve', 'reviewer1');
    step('approve', 'reviewer2');
    expect(c.state.step.index).toBe(2);
    expect(availableActions(c.state, workflow, at, who('reviewer2'))).toContain('recall');
    expect(checkAction(c.state, workflow, at, who('reviewer1'), 'recall')).toBe('CASE_FORBIDDEN');
    step('claim', 'head');
    expect(checkAction(c.state, workflow, at, who('reviewer2'), 'recall')).toBe('CASE_ILLEGAL_TRANSITION');
    expect(checkAction(c.state, workflow, at, who('head'), 'approve')).toBeNull();
  });

  it('委派 hands the task out and back; the delegator cannot act meanwhile', () => {
    const workflow = standardWorkflow();
    const c = driver(workflow);
    const step = c.step;
    step('submit', 'citizen');
    step('accept', 'clerk1');
    step('claim', 'reviewer1');
    expect(checkAction(c.state, workflow, at, who('reviewer2'), 'approve')).toBe('CASE_TASK_TAKEN');
    step('delegate', 'reviewer1', { to: 'reviewer2' });
    expect(checkAction(c.state, workflow, at, who('reviewer1'), 'approve')).toBe('CASE_TASK_TAKEN');
    expect(checkAction(c.state, workflow, at, who('reviewer2'), 'returnDelegation')).toBeNull();
    step('returnDelegation', 'reviewer2', { comment: '已核实' });
    expect(checkAction(c.state, workflow, at, who('reviewer1'), 'approve')).toBeNull();
    expect(c.state.step.holders).toEqual(['reviewer1']);
  });

  it('a supplement returns the case where it was and closes the pause only after acceptance', () => {
    const workflow = standardWorkflow();
    const c = driver(workflow);
    const step = c.step;
    step('submit', 'citizen');
    step('requestSupplement', 'clerk1', { items: [{ key: 'id', label: '身份证' }], deadline: '2026-11-10' });
    expect(c.state.pauses).toEqual([]);
    step('supplement', 'citizen', { materials: [{ materialKey: 'id', fileId: 'f2' }] });
    expect(c.state.status).toBe('submitted');
    step('accept', 'clerk1');
    step('requestSupplement', 'reviewer1', { items: [], deadline: '2026-11-20' }, '2026-11-03T01:00:00Z');
    step('supplement', 'citizen', {}, '2026-11-04T01:00:00Z');
    expect(c.state.status).toBe('inReview');
    expect(c.state.pauses).toEqual([{ from: '2026-11-03T01:00:00Z', to: '2026-11-04T01:00:00Z' }]);
    expect(c.state.materials).toEqual([{ materialKey: 'id', fileId: 'f2' }]);
  });
});

describe('the case history chain', () => {
  const records = (): ActionRecord[] => {
    const actions: CaseAction[] = [
      {
        seq: 1,
        type: 'create',
        actorId: 'u',
        at: '2026-11-02T01:00:00Z',
        payload: { channel: 'online', formData: { name: '张三' }, answers: {}, materials: [] },
      },
      { seq: 2, type: 'submit', actorId: 'u', at: '2026-11-02T02:00:00Z', payload: {} },
      { seq: 3, type: 'reject', actorId: 'c', at: '2026-11-02T03:00:00Z', payload: { reason: '材料不全' } },
    ];
    let prev = genesisHash('case-1');
    return actions.map((action) => {
      const meta = { role: action.type === 'reject' ? 'window_clerk' : null, departmentId: null };
      const hash = actionHash(prev, action, meta);
      const record = { action, ...meta, prevHash: prev, hash };
      prev = hash;
      return record;
    });
  };

  it('verifies an intact history and finds a changed, dropped or moved action', () => {
    expect(verifyChain('case-1', records())).toBeNull();
    const changed = records();
    (changed[2]!.action.payload as { reason: string }).reason = '材料齐全';
    expect(verifyChain('case-1', changed)).toEqual({ seq: 3, reason: 'content changed' });
    const dropped = records();
    dropped.splice(1, 1);
    expect(verifyChain('case-1', dropped)?.seq).toBe(3);
    expect(verifyChain('case-2', records())).toEqual({ seq: 1, reason: 'broken link' });
    const role = records();
    role[2]!.role = 'dept_head';
    expect(verifyChain('case-1', role)).toEqual({ seq: 3, reason: 'content changed' });
  });
});

describe('workflow definitions', () => {
  it('accepts the standard workflow and names every problem of a broken one', () => {
    expect(validateWorkflow(standardWorkflow(), ['name'])).toEqual([]);
    const broken: Workflow = {
      steps: [
        {
          key: 'review',
          name: '审查',
          kind: 'review',
          roles: [],
          scope: 'department',
          signing: 'all',
          actions: ['approve', 'issue'],
          budgetDays: -1,
          fields: { nope: 'hidden' },
        },
        {
          key: 'review',
          name: '',
          kind: 'issue',
          roles: ['x'],
          scope: 'region',
          signing: 'all',
          actions: [],
          budgetDays: 1,
        },
      ],
    };
    const paths = validateWorkflow(broken, ['name']).map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'steps.0.kind',
        'steps',
        'steps.0.roles',
        'steps.0.budgetDays',
        'steps.0.actions',
        'steps.0.fields.nope',
        'steps.1.key',
        'steps.1.name',
        'steps.1.signing',
        'steps.1.actions',
      ]),
    );
  });
});
