import type { RuleProblem } from '../../shared/catalog/problems.js';

/**
 * Chinese wording of the publication checks' problems for the import report. The same table, keyed the
 * same way, translates them in the admin UI (web/src/i18n/admin-catalog.ts): by rule (`<path without
 * indexes, dots as _>_<code>`) first, then by code.
 */
const RULES: Record<string, string> = {
  materials_MISSING: '至少添加一项申请材料（“申请材料”表）',
  steps_MISSING: '至少添加一个办理环节',
  fees_MISSING: '收费事项须在“收费项目”表列明收费项目',
  fees_INVALID: '不收费的事项不应列收费项目',
  places_MISSING: '需到现场办理时须填写办理地点',
  consultation_MISSING: '至少填写一种咨询方式',
  complaint_MISSING: '至少填写一种投诉方式',
  form_MISSING: '三级、四级网办或秒批事项须配置表单',
  statutoryDays_INVALID: '承诺件的法定办结时限至少 1 个工作日',
  committedDays_INVALID: '承诺时限至少 1 个工作日，且不能超过法定时限',
  visits_INVALID: '必须到办事大厅办理的事项，到现场次数至少 1 次',
  themes_INVALID: '主题与服务对象不符',
  themes_UNKNOWN: '未知的主题',
  materials_key_DUPLICATE: '材料键重复',
  fees_key_DUPLICATE: '收费键重复',
  materials_licenceTypeCode_MISSING: '可复用电子证照材料须填写证照类型代码',
  materials_copies_INVALID: '纸质材料至少 1 份',
  materials_fileTypes_MISSING: '电子材料须列明可接受的文件类型',
  materials_requirement_INVALID: '“情形必须”的材料须由情形引导选择，请先配置情形引导',
  fees_requirement_INVALID: '按情形收取的费用须由情形引导选择，请先配置情形引导',
  result_licenceTypeCode_MISSING: '结果为证照时须填写结果证照类型代码',
  mode_commitmentText_MISSING: '告知承诺制须填写承诺书内容',
  mode_publicationDays_INVALID: '承诺公示期至少 1 天',
};

const CODES: Record<string, string> = {
  MISSING: '必填',
  INVALID: '填写不正确',
  DUPLICATE: '重复',
  UNKNOWN: '未知的取值',
  INVALID_VALUE: '格式或取值不正确',
  RULES_NOT_LOGIC: '规则须为一个 JSON Logic 运算',
  RULES_OPERATOR: '使用了不允许的运算符',
  RULES_VARIABLE: '变量须为 form.字段、verified.数据项 或 applicant.属性',
  RULES_UNKNOWN_FIELD: '规则读取的字段表单中不存在',
  RULES_UNPARSABLE: '规则无法运行',
  SITUATION_MALFORMED: '情形树结构不正确',
  SITUATION_INVALID_ID: '问题编号须以字母或下划线开头，只含字母、数字、_ 和 -',
  SITUATION_DUPLICATE_QUESTION: '问题编号重复',
  SITUATION_DUPLICATE_OPTION: '同一问题的选项值重复',
  SITUATION_EMPTY_LABEL: '问题或选项的文字为空',
  SITUATION_EMPTY_VALUE: '选项值为空',
  SITUATION_TOO_FEW_OPTIONS: '每个问题至少需要两个选项',
  SITUATION_START_MISSING: '有问题但未指定起始问题（start）',
  SITUATION_UNKNOWN_REFERENCE: '引用了不存在的问题',
  SITUATION_UNREACHABLE_QUESTION: '从起始问题无法到达该问题',
  SITUATION_LOOP: '问题之间形成了循环',
  SITUATION_MULTIPLE_OPTION_NEXT: '多选题的选项不能指定下一题',
  SITUATION_UNKNOWN_MATERIAL: '选项引用了不存在的材料键',
  SITUATION_UNKNOWN_FORM_SECTION: '选项引用了表单中不存在的分组',
  SITUATION_UNKNOWN_FEE: '选项引用了不存在的收费键',
  FORM_MALFORMED: '表单定义结构不正确',
};

/** `materials.2.copies` → `materials_copies`. */
const ruleKey = (path: string) =>
  path
    .split('.')
    .filter((part) => !/^\d+$/.test(part))
    .join('_');

/**
 * The problem in Chinese, led by the column it sits in. Problems inside a JSON document (form, situation
 * tree, 秒批 rules) name the path inside it, which the column alone does not locate.
 */
export function problemMessage(problem: RuleProblem, header: string | null): string {
  const specific = RULES[`${ruleKey(problem.path)}_${problem.code}`];
  const general =
    CODES[problem.code] ?? (problem.code.startsWith('FORM_') ? '表单定义不正确' : problem.message);
  const insideJson = /^(form|situations|mode\.rules)\./.test(problem.path);
  const text = specific ?? general;
  const particulars = insideJson
    ? `（位置 ${problem.path}：${problem.message}）`
    : problem.code === 'INVALID_VALUE'
      ? `（${problem.message}）`
      : '';
  return `${header ? `${header}：` : ''}${text}${particulars}`;
}
