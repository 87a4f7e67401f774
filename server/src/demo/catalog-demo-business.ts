import {
  applicantFields,
  applicationForm,
  businessLicence,
  channels,
  enterpriseFields,
  fields,
  form,
  guide,
  halls,
  idCard,
  material,
} from './catalog-demo-builders.js';
import { basic, type DemoItem } from './catalog-demo-types.js';

/** 市场监管 items of 海口市市场监督管理局 (HK-SCJGJ), common to Hainan and Xinjiang's lists. */
const market = { departmentType: '市场监管' } as const;
const hotline = channels('0898-12315（市场监管投诉举报热线）');
const registration = '《中华人民共和国市场主体登记管理条例》第三条、第十九条';

export const businessItems: DemoItem[] = [
  {
    basic: basic('licence', 112, '个体工商户设立登记', {
      ...market,
      objectType: 'both',
      legalBasis: `${registration}；《促进个体工商户发展条例》`,
      levels: ['county'],
      aliases: ['个体户营业执照', '个体户注册'],
    }),
    department: 'HK-SCJGJ',
    guide: guide({
      objectType: 'both',
      handlingType: 'immediate',
      statutoryDays: 3,
      committedDays: 0,
      conditions: '有经营能力的自然人（或家庭），有固定经营场所，经营范围不属于禁止个人经营的项目。',
      materials: [
        applicationForm('个体工商户登记（备案）申请书'),
        idCard('operatorIdCard', '经营者居民身份证'),
        material('premises', '经营场所使用证明', { commitmentWaivable: true }),
      ],
      result: { type: 'licence', name: '营业执照（个体工商户）', licenceTypeCode: 'BUSINESS_LICENCE' },
      places: [halls.haikou],
      themes: ['establishment'],
      handlingScope: 'city',
      form: form('个体工商户设立登记', {
        ...applicantFields(),
        tradeName: fields.text('个体工商户名称', { maxLength: 100 }),
        businessScope: fields.text('经营范围', { maxLength: 500 }),
        premisesAddress: fields.address('经营场所'),
      }),
      ...hotline,
    }),
  },
  {
    basic: basic('licence', 113, '企业设立登记', {
      ...market,
      objectType: 'enterprise',
      legalBasis: `${registration}；《中华人民共和国公司法》第二十九条`,
      levels: ['province', 'city', 'county'],
      aliases: ['开办企业', '公司注册', '注册公司', '营业执照办理'],
    }),
    department: 'HK-SCJGJ',
    guide: guide({
      objectType: 'enterprise',
      statutoryDays: 3,
      committedDays: 1,
      conditions: '名称、住所、注册资本、经营范围、出资人等符合法律法规；公司章程由全体股东（发起人）签署。',
      materials: [
        applicationForm('公司登记（备案）申请书'),
        material('articles', '公司章程'),
        idCard('investorIds', '股东、发起人主体资格证明'),
        material('premises', '住所使用证明', { commitmentWaivable: true }),
        material('meeting', '创立大会会议记录及验资证明', { requirement: 'conditional' }),
        material('investorDeclaration', '投资人身份证明及投资承诺', { requirement: 'conditional' }),
      ],
      result: { type: 'licence', name: '营业执照', licenceTypeCode: 'BUSINESS_LICENCE' },
      places: [halls.haikou],
      themes: ['establishment'],
      handlingScope: 'province',
      form: form(
        '企业设立登记',
        {
          ...applicantFields(),
          companyName: fields.text('企业名称', { maxLength: 200 }),
          companyType: fields.select('企业类型', {
            llc: '有限责任公司',
            jsc: '股份有限公司',
            sole: '个人独资企业',
          }),
          registeredCapital: fields.number('注册资本（万元）', { minimum: 0, maximum: 100_000_000 }),
          residence: fields.address('住所'),
          shareholders: fields.text('股东（发起人）名单', { maxLength: 1000, 'x-section': 'shareholders' }),
        },
        { sections: [{ key: 'shareholders', title: '股东（发起人）' }] },
      ),
      situations: {
        start: 'type',
        questions: [
          {
            id: 'type',
            text: '您要设立哪类企业？',
            options: [
              { value: 'llc', label: '有限责任公司', effects: { formSections: ['shareholders'] } },
              {
                value: 'jsc',
                label: '股份有限公司',
                effects: { formSections: ['shareholders'], materials: ['meeting'] },
              },
              { value: 'sole', label: '个人独资企业', effects: { materials: ['investorDeclaration'] } },
            ],
          },
        ],
      },
      ...hotline,
    }),
  },
  {
    basic: basic('licence', 114, '食品经营许可', {
      ...market,
      objectType: 'enterprise',
      legalBasis: '《中华人民共和国食品安全法》第三十五条；《食品经营许可和备案管理办法》',
      levels: ['county'],
      aliases: ['食品经营许可证', '开饭店', '餐饮许可'],
    }),
    department: 'HK-SCJGJ',
    guide: guide({
      objectType: 'enterprise',
      statutoryDays: 10,
      committedDays: 5,
      conditions: '具有与经营的食品品种、数量相适应的场所、设备设施、专职或兼职食品安全管理人员和规章制度。',
      materials: [
        applicationForm('食品经营许可申请书'),
        businessLicence(),
        material('layout', '经营场所平面布局图及设备布局、工艺流程'),
        material('rules', '食品安全自查、从业人员健康管理等制度'),
        material('coldChain', '冷藏冷冻设施说明', { requirement: 'conditional' }),
        material('catering', '餐饮服务加工制作流程说明', { requirement: 'conditional' }),
      ],
      result: { type: 'licence', name: '食品经营许可证', licenceTypeCode: 'FOOD_BUSINESS_LICENCE' },
      places: [halls.haikou],
      themes: ['permits'],
      form: form('食品经营许可申请', {
        ...enterpriseFields(),
        operationKind: fields.text('经营项目', { maxLength: 200 }),
      }),
      situations: {
        start: 'kind',
        questions: [
          {
            id: 'kind',
            text: '主要经营业态？',
            options: [
              { value: 'retail', label: '食品销售', next: 'cold' },
              { value: 'catering', label: '餐饮服务', effects: { materials: ['catering'] }, next: 'cold' },
            ],
          },
          {
            id: 'cold',
            text: '是否经营冷藏冷冻食品？',
            options: [
              { value: 'yes', label: '是', effects: { materials: ['coldChain'] } },
              { value: 'no', label: '否' },
            ],
          },
        ],
      },
      ...hotline,
    }),
  },
  {
    basic: basic('licence', 115, '企业注销登记', {
      ...market,
      objectType: 'enterprise',
      legalBasis: '《中华人民共和国市场主体登记管理条例》第三十一条',
      levels: ['province', 'city', 'county'],
      aliases: ['公司注销', '简易注销'],
    }),
    department: 'HK-SCJGJ',
    guide: guide({
      objectType: 'enterprise',
      statutoryDays: 10,
      committedDays: 3,
      conditions: '已依法完成清算，或未发生债权债务、已将债权债务清算完结的企业（简易注销公示期 20 日）。',
      materials: [
        applicationForm('企业注销登记申请书'),
        material('liquidation', '清算报告或全体投资人承诺书'),
        businessLicence(),
      ],
      result: { type: 'approval', name: '准予注销登记通知书' },
      places: [halls.haikou],
      themes: ['closure'],
      form: form('企业注销登记', {
        ...enterpriseFields(),
        reason: fields.text('注销原因', { maxLength: 200 }),
      }),
      ...hotline,
    }),
  },
];
