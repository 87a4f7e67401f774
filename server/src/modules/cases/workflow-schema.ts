import { Type } from 'typebox';
import { STEP_ACTIONS } from '../../shared/cases/workflow.js';

/** The workflow document (domain/workflow.ts) as a schema: validation of its shape, and OpenAPI. */
const obj = { additionalProperties: false } as const;

export const WorkflowStepSchema = Type.Object(
  {
    key: Type.String({ pattern: '^[a-z][a-zA-Z0-9_-]{0,39}$' }),
    name: Type.String({ minLength: 1, maxLength: 40, description: '环节名称, e.g. 审查' }),
    kind: Type.Enum(['acceptance', 'review', 'decision', 'issue'], {
      description: 'acceptance 受理 / review 审查·核查·评审 / decision 审批 / issue 制证出件',
    }),
    roles: Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
      maxItems: 20,
      description: 'Role codes',
    }),
    scope: Type.Enum(['department', 'departmentTree', 'region'], {
      description: 'department 本部门 / departmentTree 本部门及下级 / region 事项所在区划的窗口',
    }),
    signing: Type.Enum(['single', 'any', 'all', 'sequential'], {
      description: 'single 单人 / any 或签 / all 会签 / sequential 依次',
    }),
    actions: Type.Array(Type.Enum(STEP_ACTIONS), { maxItems: STEP_ACTIONS.length }),
    budgetDays: Type.Integer({ minimum: 0, maximum: 365, description: '环节时限 (working days)' }),
    fields: Type.Optional(Type.Record(Type.String(), Type.Enum(['hidden', 'readonly', 'editable']))),
    defaultFieldAccess: Type.Optional(Type.Enum(['hidden', 'readonly', 'editable'])),
  },
  obj,
);

export const WorkflowDefinition = Type.Object(
  { steps: Type.Array(WorkflowStepSchema, { minItems: 1, maxItems: 20 }) },
  { ...obj, description: '审批流程 — ordered steps' },
);

export const WorkflowVersionView = Type.Object({
  id: Type.String({ format: 'uuid' }),
  itemId: Type.String({ format: 'uuid' }),
  version: Type.Integer({ description: '0: the standard workflow, not saved for this item yet' }),
  definition: WorkflowDefinition,
  comment: Type.String(),
  createdAt: Type.String({ format: 'date-time' }),
});
