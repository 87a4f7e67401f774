import { type Static, Type } from 'typebox';
import { Limit } from '../../../platform/http/paging.js';

const Name = Type.String({ minLength: 1, maxLength: 50, description: 'Name as on the ID card' });
const IdNumber = Type.String({
  minLength: 1,
  maxLength: 32,
  description: '18-digit citizen ID number (GB 11643); a lowercase x is accepted',
});
const Phone = Type.String({
  minLength: 1,
  maxLength: 20,
  description: 'Mainland mobile number, e.g. 13800000001',
});
const Uuid = Type.String({ format: 'uuid' });

export const RegisterCitizenRequest = Type.Object(
  {
    name: Name,
    idNumber: IdNumber,
    phone: Phone,
    password: Type.String({
      minLength: 1,
      maxLength: 128,
      description: 'Password (default policy: 8–32 characters, 3 of lower, upper, digit, other)',
    }),
  },
  { additionalProperties: false, description: 'Citizen self-registration; the phone becomes the username' },
);
export type RegisterCitizenRequest = Static<typeof RegisterCitizenRequest>;

export const AssuranceSchema = Type.Union(
  [Type.Literal('registered'), Type.Literal('realName'), Type.Literal('realPerson')],
  { description: 'Identity assurance: registered < realName (ID verified) < realPerson (face verified)' },
);

export const CitizenView = Type.Object(
  {
    id: Type.String({ description: 'User id (UUIDv7)' }),
    username: Type.String({ description: 'Login name: the mobile number' }),
    name: Type.String({ description: 'Name, masked' }),
    idNumber: Type.String({ description: 'ID number, masked' }),
    phone: Type.String({ description: 'Mobile number, masked' }),
    assurance: AssuranceSchema,
  },
  { description: 'A citizen account (personal fields masked)' },
);
export type CitizenView = Static<typeof CitizenView>;

export const RegisterEnterpriseRequest = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100, description: 'Registered enterprise name' }),
    uscc: Type.String({ minLength: 1, maxLength: 32, description: 'Unified social credit code (GB 32100)' }),
    legalRepresentativeIdNumber: IdNumber,
  },
  {
    additionalProperties: false,
    description: 'Registers an enterprise whose legal representative is the caller',
  },
);
export type RegisterEnterpriseRequest = Static<typeof RegisterEnterpriseRequest>;

export const EnterpriseView = Type.Object(
  {
    id: Type.String({ description: 'Enterprise id (UUIDv7)' }),
    name: Type.String(),
    uscc: Type.String({ description: 'Unified social credit code (public, shown in full)' }),
    legalRepresentative: Type.Object({ name: Type.String({ description: 'Name, masked' }) }),
  },
  { description: 'An enterprise account' },
);
export type EnterpriseView = Static<typeof EnterpriseView>;

export const EnterpriseParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const AgentParams = Type.Object({ id: Uuid, userId: Uuid }, { additionalProperties: false });

export const AuthoriseAgentRequest = Type.Object(
  { phone: Phone },
  { additionalProperties: false, description: 'The mobile number of an existing citizen account' },
);

export const AgentView = Type.Object(
  {
    enterpriseId: Type.String(),
    userId: Type.String(),
    role: Type.Literal('agent'),
    name: Type.String({ description: 'Name, masked' }),
    phone: Type.String({ description: 'Mobile number, masked' }),
    authorisedAt: Type.String({ format: 'date-time' }),
  },
  { description: 'An agent (经办人) acting for the enterprise' },
);

export const MyEnterpriseView = Type.Object({
  id: Type.String(),
  name: Type.String(),
  uscc: Type.String(),
  role: Type.Union([Type.Literal('legalRepresentative'), Type.Literal('agent')]),
  authorisedAt: Type.String({ format: 'date-time' }),
});

export const RelationSchema = Type.Union(
  [Type.Literal('child'), Type.Literal('parent'), Type.Literal('spouse'), Type.Literal('other')],
  { description: 'How the dependant is related to the guardian' },
);

export const AddDependantRequest = Type.Object(
  { name: Name, idNumber: IdNumber, relation: RelationSchema },
  { additionalProperties: false, description: 'A family member the signed-in citizen acts for' },
);
export type AddDependantRequest = Static<typeof AddDependantRequest>;

export const DependantView = Type.Object(
  {
    id: Type.String(),
    name: Type.String({ description: 'Name, masked' }),
    idNumber: Type.String({ description: 'ID number, masked' }),
    relation: RelationSchema,
    createdAt: Type.String({ format: 'date-time' }),
  },
  { description: 'A dependant (personal fields masked)' },
);
export type DependantView = Static<typeof DependantView>;

export const PageQuery = Type.Object(
  {
    limit: Limit,
    cursor: Type.Optional(Type.String({ format: 'uuid', description: 'nextCursor of the previous page' })),
  },
  { additionalProperties: false },
);
