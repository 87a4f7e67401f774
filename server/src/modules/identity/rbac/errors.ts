import { defineErrors } from '../../../platform/http/errors.js';

/** Error codes of role administration (ROLE_NOT_FOUND and GRANT_EXCEEDS_OWN are organisations'). */
export const RbacErrors = defineErrors({
  PERMISSION_UNKNOWN: {
    status: 400,
    'zh-CN': '权限编码不存在',
    'en-US': 'No such permission code',
  },
  ROLE_GROUP_NOT_FOUND: { status: 404, 'zh-CN': '角色组不存在', 'en-US': 'No such role group' },
  ROLE_BUILTIN: {
    status: 409,
    'zh-CN': '内置角色不能修改或删除',
    'en-US': 'A built-in role cannot be changed or deleted',
  },
  ROLE_IN_USE: {
    status: 409,
    'zh-CN': '该角色仍有用户持有，不能删除',
    'en-US': 'Users still hold this role; it cannot be deleted',
  },
  ROLE_CODE_TAKEN: { status: 409, 'zh-CN': '该角色编码已被使用', 'en-US': 'Another role has this code' },
  ROLE_GROUP_NAME_TAKEN: {
    status: 409,
    'zh-CN': '已有同名角色组',
    'en-US': 'Another role group has this name',
  },
});
