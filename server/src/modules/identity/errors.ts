import { defineErrors } from '../../platform/http/errors.js';

export const IdentityErrors = defineErrors({
  AUTH_INVALID_CREDENTIALS: {
    status: 401,
    'zh-CN': '用户名或密码错误',
    'en-US': 'Wrong username or password',
  },
  SESSION_NOT_FOUND: {
    status: 404,
    'zh-CN': '会话不存在或已结束',
    'en-US': 'No such live session',
  },
  AUTH_IP_NOT_ALLOWED: {
    status: 403,
    'zh-CN': '当前网络地址不允许工作人员登录',
    'en-US': 'Staff sign-in is not allowed from this network address',
  },
  OTP_INVALID: {
    status: 401,
    'zh-CN': '验证码错误或已失效',
    'en-US': 'The code is wrong, expired or already used',
  },
  OTP_RESEND_TOO_SOON: {
    status: 429,
    'zh-CN': '验证码发送过于频繁，请稍后再试',
    'en-US': 'A code was sent moments ago; wait before asking again',
  },
  OTP_TOO_MANY: {
    status: 429,
    'zh-CN': '验证码发送次数已达上限，请一小时后再试',
    'en-US': 'Too many codes for this phone; try again within the hour',
  },
  AUTH_ACCOUNT_LOCKED: {
    status: 423,
    'zh-CN': '登录失败次数过多，账号已临时锁定，请稍后再试',
    'en-US': 'Too many failed sign-ins: the account is temporarily locked',
  },
  PASSWORD_REUSED: {
    status: 400,
    'zh-CN': '新密码不能与最近使用过的密码相同',
    'en-US': 'The new password must differ from your recent passwords',
  },
  PASSWORD_CURRENT_WRONG: {
    status: 400,
    'zh-CN': '当前密码不正确',
    'en-US': 'The current password is wrong',
  },
  PASSWORD_CHANGED_MEANWHILE: {
    status: 409,
    'zh-CN': '密码已在其他地方被修改，请重新操作',
    'en-US': 'The password was changed meanwhile; try again',
  },
});
