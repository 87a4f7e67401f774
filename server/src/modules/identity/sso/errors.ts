import { defineErrors } from '../../../platform/http/errors.js';

/** Error codes of single sign-on: the client registry and the sign-in completion. */
export const SsoErrors = defineErrors({
  SSO_REDIRECT_URI_INVALID: {
    status: 400,
    'zh-CN': '回调地址不合法：须为 https 地址（本机调试可用 http://localhost），且不能带 # 片段',
    'en-US': 'Invalid redirect URI: use https (http only for localhost) and no #fragment',
  },
  SSO_OPENID_SCOPE_REQUIRED: {
    status: 400,
    'zh-CN': '授权范围必须包含 openid',
    'en-US': 'The scopes must include openid',
  },
  SSO_CLIENT_NOT_FOUND: { status: 404, 'zh-CN': '单点登录应用不存在', 'en-US': 'No such SSO application' },
  SSO_CLIENT_ID_TAKEN: {
    status: 409,
    'zh-CN': '该应用标识（client_id）已被使用',
    'en-US': 'Another application has this client id',
  },
  SSO_INTERACTION_NOT_FOUND: {
    status: 404,
    'zh-CN': '登录请求不存在或已过期，请回到应用重新发起登录',
    'en-US': 'The sign-in request does not exist or expired; start again from the application',
  },
  SSO_CLIENT_DISABLED: {
    status: 403,
    'zh-CN': '该应用已停用，不能通过统一身份认证登录',
    'en-US': 'This application is disabled and cannot sign users in',
  },
});
