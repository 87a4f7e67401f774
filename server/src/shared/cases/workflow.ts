/**
 * 审批流程 — an item's workflow as data: ordered steps (受理, 审查, 现场核查, 专家评审, 审核, 审批, 制证 …), each naming
 * who may act (roles, and where they sit relative to the case's department), how many must sign, which
 * actions are offered, its time budget and what each form field looks like to it. A case keeps the
 * workflow version it was submitted under; editing the item's workflow only affects new cases.
 */

/** acceptance 受理 (exactly one, first); review 审查/核查/评审/审核; decision 审批 (exactly one); issue 制证/出件 (after it). */
export type StepKind = 'acceptance' | 'review' | 'decision' | 'issue';

/**
 * single 单人办理 (one holder, claimed from the pool or assigned); any 或签 (any one holder decides); all 会签
 * (every holder approves); sequential 依次 (the holders approve one after another).
 */
export type Signing = 'single' | 'any' | 'all' | 'sequential';

/**
 * Who may act, relative to the case's department: `department` its own staff, `departmentTree` staff of it
 * and its sub-units (科室), `region` staff of any department in the case's region (综合窗口 of the hall).
 */
export type StepScope = 'department' | 'departmentTree' | 'region';

export type FieldAccess = 'hidden' | 'readonly' | 'editable';

/**
 * Actions a step may offer; the always-available ones (claim, recall, resume, close, cc, comment …) are not
 * listed.
 */
export const STEP_ACTIONS = [
  'preReview',
  'accept',
  'reject',
  'requestSupplement',
  'approve',
  'deny',
  'terminate',
  'sendBack',
  'transfer',
  'delegate',
  'addSigner',
  'suspend',
  'issue',
] as const;
export type StepAction = (typeof STEP_ACTIONS)[number];

/** Which configurable actions fit which kind of step. */
export const ACTIONS_BY_KIND: Readonly<Record<StepKind, readonly StepAction[]>> = {
  acceptance: ['preReview', 'accept', 'reject', 'requestSupplement', 'transfer'],
  review: [
    'approve',
    'sendBack',
    'requestSupplement',
    'suspend',
    'transfer',
    'delegate',
    'addSigner',
    'terminate',
  ],
  decision: [
    'approve',
    'deny',
    'terminate',
    'sendBack',
    'requestSupplement',
    'suspend',
    'transfer',
    'delegate',
    'addSigner',
  ],
  issue: ['issue', 'transfer'],
};

/** The actions each kind of step must offer. */
export const REQUIRED_ACTIONS: Readonly<Record<StepKind, readonly StepAction[]>> = {
  acceptance: ['accept', 'reject'],
  review: ['approve'],
  decision: ['approve', 'deny'],
  issue: ['issue'],
};

/** Acceptance and issue steps are handled by one person. */
export const singleOnly = (kind: StepKind) => kind === 'acceptance' || kind === 'issue';

export interface WorkflowStep {
  key: string;
  name: string;
  kind: StepKind;
  /** Role codes whose holders may act (any one of them). */
  roles: string[];
  scope: StepScope;
  signing: Signing;
  actions: StepAction[];
  /** 环节时限 in working days (0: the same day). */
  budgetDays: number;
  /** Per form field; fields not listed get `defaultFieldAccess` (read-only unless said otherwise). */
  fields?: Record<string, FieldAccess>;
  defaultFieldAccess?: FieldAccess;
}

export interface Workflow {
  steps: WorkflowStep[];
}

export interface WorkflowProblem {
  path: string;
  message: string;
}

const KEY = /^[a-z][a-zA-Z0-9_-]{0,39}$/;

/** Every problem of a workflow definition; `formFields` (the item form's keys) checks field permissions. */
export function validateWorkflow(workflow: Workflow, formFields?: readonly string[]): WorkflowProblem[] {
  const problems: WorkflowProblem[] = [];
  const steps = workflow.steps;
  const problem = (path: string, message: string) => problems.push({ path, message });
  if (steps.length < 2) problem('steps', '流程至少需要受理和审批两个环节');
  const kinds = steps.map((s) => s.kind);
  if (kinds[0] !== 'acceptance') problem('steps.0.kind', '第一个环节必须是受理环节');
  if (kinds.filter((k) => k === 'acceptance').length > 1) problem('steps', '只能有一个受理环节');
  const decision = kinds.indexOf('decision');
  if (decision < 0) problem('steps', '流程需要一个审批（决定）环节');
  if (kinds.filter((k) => k === 'decision').length > 1) problem('steps', '只能有一个审批（决定）环节');
  const seen = new Set<string>();
  steps.forEach((step, i) => {
    const at = `steps.${i}`;
    if (!KEY.test(step.key)) problem(`${at}.key`, '环节标识以字母开头，只能包含字母、数字、- 或 _');
    if (seen.has(step.key)) problem(`${at}.key`, `环节标识 ${step.key} 重复`);
    seen.add(step.key);
    if (!step.name.trim()) problem(`${at}.name`, '请填写环节名称');
    if (step.roles.length === 0) problem(`${at}.roles`, '请至少选择一个可办理的角色');
    if (!Number.isInteger(step.budgetDays) || step.budgetDays < 0 || step.budgetDays > 365)
      problem(`${at}.budgetDays`, '环节时限应为 0–365 个工作日');
    if (decision >= 0 && i > decision && step.kind !== 'issue')
      problem(`${at}.kind`, '审批环节之后只能是制证出件环节');
    if (decision >= 0 && i < decision && step.kind === 'issue')
      problem(`${at}.kind`, '制证出件环节应在审批环节之后');
    if (singleOnly(step.kind) && step.signing !== 'single')
      problem(`${at}.signing`, '受理和制证出件环节只能单人办理');
    const allowed = ACTIONS_BY_KIND[step.kind];
    for (const action of step.actions)
      if (!allowed.includes(action)) problem(`${at}.actions`, `该类环节不能配置操作 ${action}`);
    if (new Set(step.actions).size !== step.actions.length) problem(`${at}.actions`, '操作重复');
    for (const action of REQUIRED_ACTIONS[step.kind])
      if (!step.actions.includes(action)) problem(`${at}.actions`, `该类环节必须包含操作 ${action}`);
    if (formFields)
      for (const field of Object.keys(step.fields ?? {}))
        if (!formFields.includes(field)) problem(`${at}.fields.${field}`, '事项表单中没有该字段');
  });
  return problems;
}

/** The step with this key, or undefined. */
export function stepIndex(workflow: Workflow, key: string): number {
  return workflow.steps.findIndex((s) => s.key === key);
}

/** How one form field looks to a step. */
export function fieldAccess(step: WorkflowStep, field: string): FieldAccess {
  return step.fields?.[field] ?? step.defaultFieldAccess ?? 'readonly';
}

/**
 * 标准流程 — used by items without a workflow of their own: the hall's comprehensive window accepts
 * (前台综合受理), the department's reviewer examines and its head decides (后台分类审批), the window issues the
 * result (统一出件). Role codes are those of the demo organisation; a deployment configures its own per item.
 */
export function standardWorkflow(): Workflow {
  return {
    steps: [
      {
        key: 'accept',
        name: '受理',
        kind: 'acceptance',
        roles: ['window_clerk'],
        scope: 'region',
        signing: 'single',
        actions: ['preReview', 'accept', 'reject', 'requestSupplement', 'transfer'],
        budgetDays: 1,
      },
      {
        key: 'review',
        name: '审查',
        kind: 'review',
        roles: ['case_reviewer'],
        scope: 'departmentTree',
        signing: 'single',
        actions: ['approve', 'requestSupplement', 'suspend', 'transfer', 'delegate', 'addSigner'],
        budgetDays: 5,
        defaultFieldAccess: 'editable',
      },
      {
        key: 'decide',
        name: '审批',
        kind: 'decision',
        roles: ['dept_head'],
        scope: 'departmentTree',
        signing: 'single',
        actions: ['approve', 'deny', 'terminate', 'sendBack', 'suspend', 'transfer', 'addSigner'],
        budgetDays: 3,
      },
      {
        key: 'issue',
        name: '制证出件',
        kind: 'issue',
        roles: ['window_clerk'],
        scope: 'region',
        signing: 'single',
        actions: ['issue', 'transfer'],
        budgetDays: 1,
      },
    ],
  };
}
