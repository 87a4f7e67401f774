import { defineErrors } from '../../platform/http/errors.js';
import '../identity/organisations/errors.js';

/** Error codes of the item catalogue (事项管理). */
export const CatalogErrors = defineErrors({
  CATALOG_FOUR_EYES: {
    status: 403,
    'zh-CN': '不能审核或发布本人编制或提交的版本',
    'en-US': 'You cannot review or publish a version you wrote or submitted',
  },
  CATALOG_BASIC_ITEM_NOT_FOUND: { status: 404, 'zh-CN': '基本目录事项不存在', 'en-US': 'No such basic item' },
  CATALOG_ITEM_NOT_FOUND: { status: 404, 'zh-CN': '事项不存在', 'en-US': 'No such item' },
  CATALOG_VERSION_NOT_FOUND: { status: 404, 'zh-CN': '事项版本不存在', 'en-US': 'No such item version' },
  CATALOG_BUNDLE_NOT_FOUND: { status: 404, 'zh-CN': '一件事不存在', 'en-US': 'No such bundle' },
  CATALOG_BASIC_CODE_TAKEN: {
    status: 409,
    'zh-CN': '该基本编码已被使用',
    'en-US': 'Another basic item has this code',
  },
  CATALOG_BUNDLE_CODE_TAKEN: {
    status: 409,
    'zh-CN': '该一件事编码已被使用',
    'en-US': 'Another bundle has this code',
  },
  CATALOG_VERSION_NOT_EDITABLE: {
    status: 409,
    'zh-CN': '只有草稿版本可以修改，已发布的版本不可更改',
    'en-US': 'Only a draft can be edited; a published version never changes',
  },
  CATALOG_ILLEGAL_TRANSITION: {
    status: 409,
    'zh-CN': '该版本当前状态不允许此操作',
    'en-US': 'The version’s status does not allow this action',
  },
  CATALOG_OPEN_VERSION_EXISTS: {
    status: 409,
    'zh-CN': '该事项已有一个未发布的版本，请先处理该版本',
    'en-US': 'The item already has a version in the works',
  },
  CATALOG_ITEM_CANCELLED: {
    status: 409,
    'zh-CN': '该事项已取消，不能再修改或发布',
    'en-US': 'The item is cancelled and can no longer be changed or published',
  },
  CATALOG_SEQUENCE_EXHAUSTED: {
    status: 409,
    'zh-CN': '该部门针对此基本事项的实施清单已达上限 (99)',
    'en-US': 'The department already has 99 lists for this basic item',
  },
  CATALOG_VERSION_INVALID: {
    status: 422,
    'zh-CN': '事项版本要素不完整或不正确',
    'en-US': 'The item version is incomplete or inconsistent',
  },
  CATALOG_BASIC_CODE_INVALID: {
    status: 422,
    'zh-CN': '基本编码须为两位事项类型代码加七位顺序号',
    'en-US': 'A basic code is the two digits of its item type followed by a 7-digit serial',
  },
  CATALOG_ITEM_TYPE_UNKNOWN: { status: 422, 'zh-CN': '未知的事项类型', 'en-US': 'Unknown item type' },
  CATALOG_BASIC_ITEM_DISABLED: {
    status: 422,
    'zh-CN': '该基本目录事项已停用',
    'en-US': 'The basic item is disabled',
  },
  CATALOG_DEPARTMENT_CODE_MISSING: {
    status: 422,
    'zh-CN': '实施部门缺少可用于实施编码的部门编码（2–20 位字母或数字）',
    'en-US': 'The department needs a code (2–20 letters or digits) to build implementation codes',
  },
  CATALOG_IMPORT_INVALID: {
    status: 422,
    'zh-CN': '导入文件中有错误，未导入任何数据',
    'en-US': 'The import file has errors; nothing was imported',
  },
  CATALOG_IMPORT_FILE_INVALID: {
    status: 400,
    'zh-CN': '文件不是可读取的 Excel 工作簿（.xlsx），或不是事项导入模板',
    'en-US': 'The file is not a readable Excel workbook (.xlsx) or not the item import template',
  },
  CATALOG_EXPORT_TOO_LARGE: {
    status: 422,
    'zh-CN': '要导出的事项过多，请按部门或地区缩小范围',
    'en-US': 'Too many items to export: narrow it down by department or region',
  },
  CATALOG_BUNDLE_INVALID: {
    status: 422,
    'zh-CN': '一件事配置不正确',
    'en-US': 'The bundle definition is invalid',
  },
});
