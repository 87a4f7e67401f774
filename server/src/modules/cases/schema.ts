import { type Static, Type } from 'typebox';
import { Cursor, Limit } from '../../platform/http/paging.js';
import { ACTION_TYPES, type ActionType } from './domain/actions.js';
import { CASE_STATUSES } from './domain/lifecycle.js';

/** Requests and replies of case handling (办件). */
const Id = Type.String({ format: 'uuid' });
const obj = { additionalProperties: false } as const;
const Status = Type.Enum(CASE_STATUSES);
const Text = (max: number, description?: string) => Type.String({ maxLength: max, description });
const Day = Type.String({
  pattern: '^\\d{4}-\\d{2}-\\d{2}$',
  description: 'Date in Asia/Shanghai (YYYY-MM-DD)',
});
const Instant = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

export const CaseIdParams = Type.Object({ id: Id }, obj);

export const MaterialInput = Type.Object(
  {
    materialId: Type.String({
      pattern: '^[a-zA-Z][a-zA-Z0-9_-]{0,39}$',
      description: 'The material key in the guide',
    }),
    fileId: Id,
  },
  obj,
);

const FormData = Type.Record(Type.String(), Type.Unknown(), {
  description: 'The filled-in application form',
});
const Answers = Type.Record(Type.String(), Type.Unknown(), { description: '情形引导 answers' });

export const SubmitCaseRequest = Type.Object(
  {
    itemId: Type.Optional(Id),
    itemCode: Type.Optional(Type.String({ pattern: '^[0-9A-Z-]{1,64}$', description: '实施编码' })),
    draftId: Type.Optional(Type.String({ format: 'uuid', description: 'Submit this draft (its item)' })),
    formData: FormData,
    situationAnswers: Type.Optional(Answers),
    materials: Type.Optional(Type.Array(MaterialInput, { maxItems: 100 })),
  },
  obj,
);
export type SubmitCaseRequest = Static<typeof SubmitCaseRequest>;

export const SaveDraftRequest = Type.Object(
  {
    itemId: Type.Optional(Id),
    itemCode: Type.Optional(Type.String({ pattern: '^[0-9A-Z-]{1,64}$' })),
    draftId: Type.Optional(Id),
    formData: Type.Optional(FormData),
    situationAnswers: Type.Optional(Answers),
    materials: Type.Optional(Type.Array(MaterialInput, { maxItems: 100 })),
  },
  obj,
);
export type SaveDraftRequest = Static<typeof SaveDraftRequest>;

export const RegisterAtWindowRequest = Type.Object(
  {
    itemId: Type.Optional(Id),
    itemCode: Type.Optional(Type.String({ pattern: '^[0-9A-Z-]{1,64}$' })),
    applicant: Type.Object(
      {
        name: Type.String({ minLength: 1, maxLength: 40, description: '申请人姓名' }),
        idNumber: Type.String({
          minLength: 15,
          maxLength: 18,
          description: '居民身份证号码 (checked, GB 11643)',
        }),
        phone: Type.Optional(Type.String({ pattern: '^1\\d{10}$', description: '手机号码' })),
      },
      obj,
    ),
    formData: FormData,
    situationAnswers: Type.Optional(Answers),
    materials: Type.Optional(
      Type.Array(MaterialInput, { maxItems: 100, description: 'Scans uploaded by the clerk' }),
    ),
    acceptNow: Type.Optional(
      Type.Boolean({ description: '当场受理: accept at once (the clerk may act at acceptance)' }),
    ),
  },
  obj,
);
export type RegisterAtWindowRequest = Static<typeof RegisterAtWindowRequest>;

export const SubmitBundleRequest = Type.Object(
  {
    bundleId: Type.String({ pattern: '^[0-9A-Za-z-]{1,64}$', description: '一件事 id or code' }),
    formData: Type.Record(Type.String(), Type.Unknown(), { description: 'The bundle’s shared form' }),
    members: Type.Optional(
      Type.Array(
        Type.Object(
          {
            itemId: Id,
            situationAnswers: Type.Optional(Answers),
            formData: Type.Optional(
              Type.Record(Type.String(), Type.Unknown(), { description: 'Fields of this member only' }),
            ),
            materials: Type.Optional(Type.Array(MaterialInput, { maxItems: 100 })),
          },
          obj,
        ),
        { maxItems: 20 },
      ),
    ),
  },
  obj,
);
export type SubmitBundleRequest = Static<typeof SubmitBundleRequest>;

export const BundleApplicationView = Type.Object({
  id: Id,
  bundleId: Id,
  bundleName: Type.String(),
  status: Type.Enum(['inProgress', 'completed', 'stopped']),
  createdAt: Instant,
  members: Type.Array(
    Type.Object({
      caseId: Id,
      position: Type.Integer(),
      number: Nullable(Type.String()),
      status: Status,
      itemName: Type.String(),
      stepName: Type.String(),
      submittedAt: Nullable(Instant),
    }),
  ),
});

/** The actions a person may request through `cases.act` (the platform's own ones are not among them). */
const PLATFORM_ONLY = ['create', 'saveDraft', 'submit', 'instantCheck', 'instantApprove', 'void'] as const;
type Requestable = Exclude<ActionType, (typeof PLATFORM_ONLY)[number]>;
export const REQUESTABLE_ACTIONS = ACTION_TYPES.filter(
  (t): t is Requestable => !(PLATFORM_ONLY as readonly string[]).includes(t),
);

export const ActRequest = Type.Object(
  {
    action: Type.Enum(REQUESTABLE_ACTIONS, {
      description: 'One of the actions the case offers now (`actions` of cases.getCase)',
    }),
    comment: Type.Optional(Text(2000, '办理意见')),
    payload: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description:
          'Per action: reject/terminate { reason }; requestSupplement { items: [{ key, label, reason? }], deadlineDays? }; ' +
          'supplement { formData?, materials? }; accept/approve { assignees?, formPatch? }; sendBack { toStep } ' +
          '(a step key or "applicant" with items); transfer/delegate { to }; addSigner { user }; ' +
          'suspend { procedure, limitDays }; issue { method, trackingNumber?, carrier? }; cc { users }',
      }),
    ),
    expectedSeq: Type.Optional(
      Type.Integer({
        minimum: 1,
        description: 'The `seq` the caller saw; a newer case answers 409 CASE_STALE',
      }),
    ),
  },
  obj,
);
export type ActRequest = Static<typeof ActRequest>;

const Clock = Type.Union(
  [
    Type.Literal('none'),
    Type.Literal('normal'),
    Type.Literal('nearDue'),
    Type.Literal('overdue'),
    Type.Literal('paused'),
    Type.Literal('stopped'),
  ],
  {
    description:
      'none (not accepted) / normal / nearDue 临期 / overdue 超期 / paused 暂停计时 / stopped (decided)',
  },
);

const Person = Type.Object({ id: Type.String(), name: Type.String() });
const ClockView = Type.Object({
  state: Clock,
  dueDate: Nullable(Day),
  nearDueDate: Nullable(Day),
  statutoryDueDate: Nullable(Day),
  stepDueDate: Nullable(Day),
  usedDays: Nullable(Type.Integer()),
  limitDays: Nullable(Type.Integer()),
});
export const CaseSummary = Type.Object({
  id: Id,
  number: Nullable(Type.String()),
  status: Status,
  applicantStatus: Type.String(),
  itemId: Id,
  itemCode: Type.String(),
  itemName: Type.String(),
  departmentId: Id,
  departmentName: Type.String(),
  regionCode: Type.String(),
  channel: Type.String(),
  applicantName: Type.String({ description: 'Masked (张*)' }),
  stepKey: Type.String(),
  stepName: Type.String(),
  createdAt: Instant,
  submittedAt: Nullable(Instant),
  updatedAt: Instant,
  dueDate: Nullable(Day),
  clock: Clock,
  seq: Type.Integer(),
});
export type CaseSummary = Static<typeof CaseSummary>;

export const HistoryEntry = Type.Object({
  seq: Type.Integer(),
  type: Type.String(),
  at: Instant,
  actorName: Type.String(),
  role: Nullable(Type.String()),
  stepName: Nullable(Type.String()),
  comment: Nullable(Type.String()),
  details: Type.Record(Type.String(), Type.Unknown()),
});

export const MaterialView = Type.Object({
  materialKey: Type.String(),
  name: Type.String(),
  fileId: Id,
  fileName: Type.String(),
  mediaType: Type.String(),
  sizeBytes: Type.Integer(),
});

export const CaseView = Type.Object({
  ...CaseSummary.properties,
  itemVersionId: Id,
  workflowVersion: Type.Integer(),
  applicant: Type.Object({
    kind: Type.String(),
    name: Type.String(),
    idNumber: Nullable(Type.String()),
    phone: Nullable(Type.String()),
  }),
  step: Type.Object({
    key: Type.String(),
    name: Type.String(),
    kind: Type.String(),
    signing: Type.String(),
    holders: Type.Array(Person),
    approvals: Type.Array(Type.String()),
    delegatedTo: Nullable(Person),
    enteredAt: Instant,
  }),
  steps: Type.Array(Type.Object({ key: Type.String(), name: Type.String(), kind: Type.String() })),
  clockDetail: ClockView,
  acceptedAt: Nullable(Instant),
  decidedAt: Nullable(Instant),
  closedAt: Nullable(Instant),
  decision: Nullable(Type.String()),
  result: Nullable(Type.Record(Type.String(), Type.Unknown())),
  supplement: Nullable(
    Type.Object({
      items: Type.Array(
        Type.Object({ key: Type.String(), label: Type.String(), reason: Type.Optional(Type.String()) }),
      ),
      deadline: Day,
      requestedAt: Instant,
    }),
  ),
  suspension: Nullable(Type.Object({ procedure: Type.String(), until: Day, at: Instant })),
  instant: Nullable(Type.Object({ passed: Type.Boolean(), failedRules: Type.Array(Type.String()) })),
  form: Type.Object({
    schema: Type.Unknown(),
    data: Type.Record(Type.String(), Type.Unknown()),
    access: Type.Record(Type.String(), Type.String(), {
      description: 'Field → hidden | readonly | editable',
    }),
  }),
  answers: Type.Record(Type.String(), Type.Unknown()),
  materials: Type.Array(MaterialView),
  history: Type.Array(HistoryEntry),
  actions: Type.Array(Type.String(), { description: 'What the caller may do now' }),
  parentId: Nullable(Id),
  notices: Type.Array(Type.String(), {
    description:
      'Notices (文书) available as PDF: acceptance 受理通知书, rejection 不予受理决定书, supplement 补正材料通知书, decision 许可决定书',
  }),
});
export type CaseView = Static<typeof CaseView>;

export const ListMineQuery = Type.Object(
  { status: Type.Optional(Status), limit: Type.Optional(Limit), cursor: Cursor },
  obj,
);

export const BOXES = ['todo', 'done', 'started', 'copied', 'scope'] as const;
export const ListCasesQuery = Type.Object(
  {
    box: Type.Optional(
      Type.Enum(BOXES, {
        description:
          'todo 待办 (mine or my pool) / done 已办 / started 我发起 / copied 抄送 / scope every case in my cases:read scope (部门办件)',
      }),
    ),
    clock: Type.Optional(Type.Enum(['overdue', 'nearDue', 'paused'])),
    status: Type.Optional(Status),
    number: Type.Optional(Type.String({ maxLength: 40, description: '办件编号 (exact or prefix)' })),
    applicant: Type.Optional(
      Type.String({ maxLength: 40, description: 'Applicant name or ID number, exact' }),
    ),
    itemId: Type.Optional(Id),
    departmentId: Type.Optional(Id),
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    limit: Type.Optional(Limit),
    cursor: Cursor,
  },
  obj,
);
export type ListCasesQuery = Static<typeof ListCasesQuery>;

export const ProgressQuery = Type.Object(
  {
    number: Type.String({ minLength: 10, maxLength: 40, description: '办件编号' }),
    name: Type.String({ minLength: 1, maxLength: 40, description: 'The applicant’s name' }),
  },
  obj,
);

export const ProgressView = Type.Object({
  number: Type.String(),
  itemName: Type.String(),
  departmentName: Type.String(),
  applicantStatus: Type.String(),
  stepName: Type.String(),
  submittedAt: Nullable(Instant),
  acceptedAt: Nullable(Instant),
  decidedAt: Nullable(Instant),
  dueDate: Nullable(Day),
  timeline: Type.Array(Type.Object({ type: Type.String(), at: Instant, stepName: Nullable(Type.String()) })),
});
