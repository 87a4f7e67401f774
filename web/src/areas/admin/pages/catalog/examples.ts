import { i18n } from '../../../../i18n';

/**
 * A small but complete form definition to start from (the "示例" button of a form editor): prefilled
 * identity fields, a choice, a date, a table and a section the situations can select.
 */
export function exampleForm(): unknown {
  const zh = i18n.global.locale.value === 'zh-CN';
  const l = (cn: string, en: string) => (zh ? cn : en);
  return {
    type: 'object',
    title: l('申请表', 'Application form'),
    'x-sections': [{ key: 'change', title: l('变更信息', 'Changes') }],
    required: ['applicantName', 'applicantIdNumber', 'phone', 'kind'],
    properties: {
      applicantName: {
        type: 'string',
        title: l('申请人姓名', 'Applicant name'),
        'x-kind': 'text',
        maxLength: 50,
        'x-prefill': { source: 'applicant', path: 'name' },
      },
      applicantIdNumber: {
        type: 'string',
        title: l('公民身份号码', 'Citizen ID number'),
        'x-kind': 'idNumber',
        'x-prefill': { source: 'applicant', path: 'idNumber' },
      },
      phone: { type: 'string', title: l('联系电话', 'Mobile phone'), 'x-kind': 'phone' },
      kind: {
        type: 'string',
        title: l('申请类型', 'Kind of application'),
        'x-kind': 'select',
        enum: ['first', 'change'],
        'x-enum-labels': [l('首次申请', 'First application'), l('变更', 'Change')],
      },
      startDate: { type: 'string', title: l('开始日期', 'Start date'), 'x-kind': 'date', format: 'date' },
      previousNumber: {
        type: 'string',
        title: l('原证书编号', 'Previous certificate number'),
        'x-kind': 'text',
        'x-section': 'change',
      },
    },
  };
}
