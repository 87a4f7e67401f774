import { defineErrors } from '../../platform/http/errors.js';
import '../catalog/errors.js';

/** Error codes of case handling (办件). */
export const CaseErrors = defineErrors({
  CASE_NOT_FOUND: { status: 404, 'zh-CN': '办件不存在', 'en-US': 'No such case' },
  CASE_ILLEGAL_TRANSITION: {
    status: 409,
    'zh-CN': '办件当前状态不允许此操作',
    'en-US': 'The case’s status does not allow this action',
  },
  CASE_TASK_TAKEN: {
    status: 409,
    'zh-CN': '该环节已由他人办理',
    'en-US': 'Someone else holds this step of the case',
  },
  CASE_STALE: {
    status: 409,
    'zh-CN': '办件已被他人更新，请刷新后重试',
    'en-US': 'The case changed since you loaded it; reload and try again',
  },
  CASE_FORBIDDEN: {
    status: 403,
    'zh-CN': '您无权在该环节办理此办件',
    'en-US': 'You may not act on this case at its current step',
  },
  CASE_INCOMPLETE: {
    status: 422,
    'zh-CN': '申请信息不完整，请按提示补充后提交',
    'en-US': 'The application is incomplete',
  },
  CASE_ITEM_NOT_ACCEPTING: {
    status: 409,
    'zh-CN': '该事项暂停办理或已取消，不能申请',
    'en-US': 'The item does not take applications now',
  },
  CASE_SUPPLEMENT_EXPIRED: {
    status: 409,
    'zh-CN': '补正期限已过，办件已作废或即将作废',
    'en-US': 'The supplement deadline has passed',
  },
  CASE_ASSIGNEE_INVALID: {
    status: 422,
    'zh-CN': '指定的办理人不能办理该环节',
    'en-US': 'The person named cannot act at this step',
  },
  CASE_WORKFLOW_INVALID: {
    status: 422,
    'zh-CN': '审批流程配置不正确',
    'en-US': 'The workflow definition is invalid',
  },
  CASE_APPLICANT_REQUIRED: {
    status: 403,
    'zh-CN': '请使用个人或法人账号申请',
    'en-US': 'Apply with a citizen or enterprise account',
  },
  CASE_PROGRESS_NOT_FOUND: {
    status: 404,
    'zh-CN': '未找到与编号和申请人匹配的办件',
    'en-US': 'No case matches this number and applicant',
  },
});
