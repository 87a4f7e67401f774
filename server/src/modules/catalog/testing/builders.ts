import type { ItemGuide } from '../guide-schema.js';

/**
 * Test builders: a complete, publishable guide (`aGuide`) with a form, a situation tree, a conditional
 * material and a conditional fee; tests override what they are about.
 */
export function aGuide(overrides: Partial<ItemGuide> = {}): ItemGuide {
  return {
    name: '测试事项',
    implementingBody: '测试部门',
    objectType: 'person',
    handlingType: 'promised',
    statutoryDays: 20,
    committedDays: 5,
    conditions: '符合条件的申请人',
    materials: [
      {
        key: 'idCard',
        name: '居民身份证',
        source: 'licence',
        licenceTypeCode: 'ID_CARD',
        form: 'original',
        copies: 1,
        requirement: 'required',
        media: 'both',
        fileTypes: ['pdf', 'jpg'],
        maxSizeKb: 5120,
      },
      {
        key: 'proof',
        name: '证明材料',
        source: 'applicant',
        form: 'copy',
        copies: 1,
        requirement: 'conditional',
        media: 'electronic',
        fileTypes: ['pdf'],
        maxSizeKb: 5120,
      },
    ],
    steps: [{ name: '受理', description: '窗口受理' }],
    charged: true,
    fees: [{ key: 'fee', name: '工本费', amountFen: 1000, basis: '收费依据', requirement: 'conditional' }],
    places: [{ name: '政务服务中心', address: '海口市', hours: '工作日' }],
    visits: 0,
    onlineDepth: 4,
    appointment: true,
    delivery: true,
    hallRequired: false,
    result: { type: 'approval', name: '批复' },
    consultation: [{ kind: 'phone', value: '12345' }],
    complaint: [{ kind: 'phone', value: '12345' }],
    handlingScope: 'city',
    themes: ['certificates'],
    mode: { kind: 'ordinary' },
    form: {
      type: 'object',
      'x-sections': [{ key: 'extra', title: '补充信息' }],
      properties: {
        name: { title: '姓名', 'x-kind': 'text', type: 'string' },
        age: { title: '年龄', 'x-kind': 'number', type: 'integer', minimum: 0 },
        note: { title: '说明', 'x-kind': 'text', type: 'string', 'x-section': 'extra' },
      },
      required: ['name'],
    },
    situations: {
      start: 'q1',
      questions: [
        {
          id: 'q1',
          text: '是否需要证明？',
          options: [
            {
              value: 'yes',
              label: '是',
              effects: { materials: ['proof'], fees: ['fee'], formSections: ['extra'] },
            },
            { value: 'no', label: '否' },
          ],
        },
      ],
    },
    ...overrides,
  };
}
