import { type TSchema, Type } from 'typebox';
import { Value } from 'typebox/value';
import { DomainError } from '../../platform/http/errors.js';
import { MaterialInput } from './schema.js';

/** What a client sends in `payload` for each action of `cases.act`; checked before anything is read. */
const Id = Type.String({ format: 'uuid' });
const obj = { additionalProperties: false } as const;
const Reason = Type.String({ minLength: 1, maxLength: 2000 });
const Users = Type.Array(Id, { minItems: 1, maxItems: 20 });
const SupplementItems = Type.Array(
  Type.Object(
    {
      key: Type.String({ minLength: 1, maxLength: 60 }),
      label: Type.String({ minLength: 1, maxLength: 200 }),
      reason: Type.Optional(Type.String({ maxLength: 500 })),
    },
    obj,
  ),
  { minItems: 1, maxItems: 50 },
);
const DeadlineDays = Type.Integer({
  minimum: 1,
  maximum: 60,
  description: 'Working days to supply (default 5)',
});
const Empty = Type.Object({}, obj);

export const ACTION_PAYLOADS: Record<string, TSchema> = {
  preReview: Empty,
  accept: Type.Object({ assignees: Type.Optional(Users) }, obj),
  reject: Type.Object({ reason: Reason }, obj),
  requestSupplement: Type.Object({ items: SupplementItems, deadlineDays: Type.Optional(DeadlineDays) }, obj),
  supplement: Type.Object(
    {
      formData: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
      materials: Type.Optional(Type.Array(MaterialInput, { maxItems: 100 })),
    },
    obj,
  ),
  withdraw: Type.Object({ reason: Type.Optional(Reason) }, obj),
  claim: Empty,
  approve: Type.Object(
    { assignees: Type.Optional(Users), formPatch: Type.Optional(Type.Record(Type.String(), Type.Unknown())) },
    obj,
  ),
  deny: Empty,
  terminate: Type.Object({ reason: Reason }, obj),
  sendBack: Type.Object(
    {
      toStep: Type.String({ minLength: 1, maxLength: 40 }),
      items: Type.Optional(SupplementItems),
      deadlineDays: Type.Optional(DeadlineDays),
    },
    obj,
  ),
  transfer: Type.Object({ to: Id }, obj),
  delegate: Type.Object({ to: Id }, obj),
  returnDelegation: Empty,
  addSigner: Type.Object({ user: Id }, obj),
  recall: Empty,
  suspend: Type.Object(
    {
      procedure: Type.Enum(['hearing', 'expertReview', 'inspection', 'appraisal', 'other']),
      limitDays: Type.Integer({ minimum: 1, maximum: 180, description: '特别程序期限 (working days)' }),
    },
    obj,
  ),
  resume: Empty,
  issue: Type.Object(
    {
      method: Type.Enum(['licence', 'mail', 'pickup', 'online']),
      trackingNumber: Type.Optional(Type.String({ pattern: '^[0-9A-Za-z-]{4,40}$' })),
      carrier: Type.Optional(Type.String({ maxLength: 40 })),
    },
    obj,
  ),
  close: Empty,
  comment: Empty,
  cc: Type.Object({ users: Users }, obj),
};

/** The payload checked against its action's schema; 400 naming each bad field otherwise. */
export function parsePayload(action: string, payload: unknown): Record<string, unknown> {
  const schema = ACTION_PAYLOADS[action];
  const value = payload ?? {};
  if (!schema) return {};
  const errors = [...Value.Errors(schema, value)].map((e) => ({
    field: `body.payload${e.instancePath.replaceAll('/', '.')}`,
    message: e.message,
  }));
  if (errors.length) throw new DomainError('VALIDATION_FAILED', {}, `payload of ${action}`, errors);
  return value as Record<string, unknown>;
}
