import { defineErrors } from '../../../platform/http/errors.js';

/** Error codes of citizens, enterprises and dependants. */
export const PersonErrors = defineErrors({
  ID_NUMBER_INVALID: {
    status: 400,
    'zh-CN': '身份证号码不正确',
    'en-US': 'The ID number is not valid',
  },
  PHONE_INVALID: {
    status: 400,
    'zh-CN': '手机号码不正确',
    'en-US': 'The mobile number is not valid',
  },
  PASSWORD_TOO_WEAK: {
    status: 400,
    'zh-CN': '密码不符合安全策略',
    'en-US': 'The password does not meet the password policy',
  },
  USCC_INVALID: {
    status: 400,
    'zh-CN': '统一社会信用代码不正确',
    'en-US': 'The unified social credit code is not valid',
  },
  DEPENDANT_IS_SELF: {
    status: 400,
    'zh-CN': '不能将本人添加为家庭成员',
    'en-US': 'You cannot add yourself as a dependant',
  },
  CITIZEN_ACCOUNT_REQUIRED: {
    status: 403,
    'zh-CN': '仅限个人用户办理',
    'en-US': 'Only a citizen account can do this',
  },
  ASSURANCE_TOO_LOW: {
    status: 403,
    'zh-CN': '请先完成实名认证',
    'en-US': 'Your identity assurance level is too low for this',
  },
  NOT_LEGAL_REPRESENTATIVE: {
    status: 403,
    'zh-CN': '您不是该企业的法定代表人',
    'en-US': 'You are not the legal representative of this enterprise',
  },
  CITIZEN_NOT_FOUND: {
    status: 404,
    'zh-CN': '该手机号码未注册个人用户',
    'en-US': 'No citizen account has this mobile number',
  },
  ID_NUMBER_TAKEN: {
    status: 409,
    'zh-CN': '该身份证号码已注册',
    'en-US': 'An account with this ID number exists',
  },
  PHONE_TAKEN: {
    status: 409,
    'zh-CN': '该手机号码已注册',
    'en-US': 'An account with this mobile number exists',
  },
  USERNAME_TAKEN: {
    status: 409,
    'zh-CN': '该用户名已被使用',
    'en-US': 'The username is taken',
  },
  USCC_TAKEN: {
    status: 409,
    'zh-CN': '该企业已注册',
    'en-US': 'An enterprise with this unified social credit code exists',
  },
  AGENT_ALREADY_AUTHORISED: {
    status: 409,
    'zh-CN': '该用户已是本企业经办人',
    'en-US': 'This person already acts for the enterprise',
  },
  LEGAL_REPRESENTATIVE_NOT_REVOCABLE: {
    status: 409,
    'zh-CN': '不能撤销法定代表人的授权',
    'en-US': 'The legal representative cannot be revoked',
  },
  DEPENDANT_EXISTS: {
    status: 409,
    'zh-CN': '该家庭成员已添加',
    'en-US': 'This dependant was already added',
  },
  AGENT_NOT_VERIFIED: {
    status: 422,
    'zh-CN': '经办人须先完成实名认证',
    'en-US': 'An agent must have a real-name verified account',
  },
});
