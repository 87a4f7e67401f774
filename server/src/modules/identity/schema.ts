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
    password: Type.Object(
      {
        expiresAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
          description: 'When the password expires (null: never)',
        }),
        expired: Type.Boolean({
          description: 'Expired: the session may only change the password, read me and log out',
        }),
        expiresSoon: Type.Boolean({ description: 'Within the warning period of the security policy' }),
      },
      { description: 'Password expiry as of this session' },
    ),
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

const Phone = Type.String({ pattern: '^1[3-9]\\d{9}$', description: 'Mainland mobile number' });

export const OtpSendRequest = Type.Object({ phone: Phone }, { additionalProperties: false });

export const OtpSendReply = Type.Object({
  expiresInSeconds: Type.Integer({ description: 'How long the code is valid' }),
  resendAfterSeconds: Type.Integer({ description: 'How soon another code may be asked for' }),
});

export const OtpLoginRequest = Type.Object(
  { phone: Phone, code: Type.String({ pattern: '^\\d{6}$', description: 'The six-digit code' }) },
  { additionalProperties: false },
);

export const ChangePasswordRequest = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 128, description: 'The password in use' }),
    newPassword: Type.String({ minLength: 1, maxLength: 128, description: 'The new password' }),
  },
  { additionalProperties: false, description: 'Change my password' },
);
export type ChangePasswordRequest = Static<typeof ChangePasswordRequest>;
