import { defineErrors } from '../../platform/http/errors.js';

export const IdentityErrors = defineErrors({
  AUTH_INVALID_CREDENTIALS: {
    status: 401,
    'zh-CN': '用户名或密码错误',
    'en-US': 'Wrong username or password',
  },
});
