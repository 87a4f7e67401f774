import { defineErrors } from '../../../platform/http/errors.js';

/** Error codes of departments, halls, windows, posts and staff administration. */
export const OrganisationErrors = defineErrors({
  ROLE_NOT_FOUND: {
    status: 400,
    'zh-CN': '角色不存在',
    'en-US': 'No such role',
  },
  GRANT_EXCEEDS_OWN: {
    status: 403,
    'zh-CN': '不能授予超出本人权限或数据范围的角色',
    'en-US': 'You cannot grant a permission or data scope you do not hold yourself',
  },
  OUTSIDE_DATA_SCOPE: {
    status: 403,
    'zh-CN': '超出您的数据范围',
    'en-US': 'This is outside your data scope',
  },
  DEPARTMENT_NOT_FOUND: { status: 404, 'zh-CN': '部门不存在', 'en-US': 'No such department' },
  HALL_NOT_FOUND: { status: 404, 'zh-CN': '大厅不存在', 'en-US': 'No such service hall' },
  WINDOW_NOT_FOUND: { status: 404, 'zh-CN': '窗口不存在', 'en-US': 'No such window' },
  POST_NOT_FOUND: { status: 404, 'zh-CN': '岗位不存在', 'en-US': 'No such post' },
  STAFF_NOT_FOUND: { status: 404, 'zh-CN': '工作人员不存在', 'en-US': 'No such staff member' },
  DEPARTMENT_CYCLE: {
    status: 409,
    'zh-CN': '不能将部门移动到其自身或下级部门之下',
    'en-US': 'A department cannot be moved under itself or one of its descendants',
  },
  DEPARTMENT_HAS_CHILDREN: {
    status: 409,
    'zh-CN': '该部门还有下级部门，不能删除',
    'en-US': 'The department has child departments and cannot be deleted',
  },
  DEPARTMENT_HAS_STAFF: {
    status: 409,
    'zh-CN': '该部门还有工作人员，不能删除',
    'en-US': 'The department has staff and cannot be deleted',
  },
  DEPARTMENT_IN_USE: {
    status: 409,
    'zh-CN': '该部门仍被其他业务数据（如事项、一件事）引用，不能删除',
    'en-US': 'Other records (service items, bundles …) still refer to the department',
  },
  DEPARTMENT_CODE_TAKEN: {
    status: 409,
    'zh-CN': '该部门编码已被使用',
    'en-US': 'Another department has this code',
  },
  WINDOW_NUMBER_TAKEN: {
    status: 409,
    'zh-CN': '该大厅已有此窗口号',
    'en-US': 'The hall already has a window with this number',
  },
  POST_NAME_TAKEN: {
    status: 409,
    'zh-CN': '该部门已有同名岗位',
    'en-US': 'The department already has a post with this name',
  },
  DEPARTMENT_REGION_MISMATCH: {
    status: 422,
    'zh-CN': '下级部门的行政区划须在上级部门的行政区划之内',
    'en-US': "A child department must be in its parent's region or below it",
  },
  POST_DEPARTMENT_MISMATCH: {
    status: 422,
    'zh-CN': '岗位不属于该工作人员所在部门',
    'en-US': "The post does not belong to the staff member's department",
  },
});
