import { type Static, Type } from 'typebox';

export const LoginRequest = Type.Object(
  {
    username: Type.String({
      minLength: 1,
      maxLength: 64,
      description: 'Username (citizens may use their phone)',
    }),
    password: Type.String({ minLength: 1, maxLength: 128, description: 'Password' }),
  },
  { additionalProperties: false, description: 'Password login' },
);
export type LoginRequest = Static<typeof LoginRequest>;

export const UserView = Type.Object(
  {
    id: Type.String({ description: 'User id (UUIDv7)' }),
    username: Type.String({ description: 'Login name' }),
    displayName: Type.String({ description: 'Name shown in the UI' }),
    roles: Type.Array(Type.String(), { description: 'Role codes' }),
    permissions: Type.Array(Type.String(), { description: 'Permission codes the user holds' }),
  },
  { description: 'The signed-in user' },
);

export const LoginReply = Type.Object(
  {
    token: Type.String({ description: 'Opaque session token; send as `Authorization: Bearer <token>`' }),
    expiresAt: Type.String({ format: 'date-time', description: 'Absolute end of the session' }),
    user: UserView,
  },
  { description: 'A new session' },
);

export const SessionView = Type.Object(
  {
    id: Type.String({ description: 'Session id' }),
    createdAt: Type.String({ format: 'date-time', description: 'Signed in at' }),
    lastSeenAt: Type.String({ format: 'date-time', description: 'Last request (to the minute)' }),
    expiresAt: Type.String({ format: 'date-time', description: 'Absolute end' }),
    ip: Type.Union([Type.String(), Type.Null()], { description: 'Client address at sign-in' }),
    userAgent: Type.Union([Type.String(), Type.Null()], { description: 'Browser or app at sign-in' }),
    current: Type.Boolean({ description: 'The session making this request' }),
  },
  { description: 'A live session of the signed-in user' },
);
