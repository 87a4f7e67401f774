import {
  applicationForm,
  businessLicence,
  channels,
  enterpriseFields,
  form,
  guide,
  halls,
  idCard,
  licence,
  material,
} from './catalog-demo-builders.js';
import { basic, type DemoItem } from './catalog-demo-types.js';

/** County-level 卫生健康 items published by 秀英区卫生健康委员会 (XY-WJW): filings and family-planning benefits. */
const health = { departmentType: '卫生健康' } as const;
const xiuying = channels('0898-68621234（秀英区卫生健康委员会）');
const institutionForm = (title: string) => form(title, { ...enterpriseFields() });

export const countyHealthItems: DemoItem[] = [
  ...['诊所备案', '中医诊所备案'].map((name, i) => ({
    basic: basic('filing', 102 + i, name, {
      ...health,
      objectType: 'enterprise' as const,
      legalBasis:
        i === 0
          ? '《医疗机构管理条例》第十条'
          : '《中华人民共和国中医药法》第十四条；《中医诊所备案管理暂行办法》',
      levels: ['county' as const],
    }),
    department: 'XY-WJW',
    guide: guide({
      objectType: 'enterprise',
      handlingType: 'immediate',
      statutoryDays: 1,
      committedDays: 0,
      conditions: '诊所备案人具有完全民事行为能力，主要负责人取得医师执业证书后从事相应专业临床工作满 5 年。',
      materials: [
        applicationForm(`${name}信息表`),
        idCard('principalIdCard', '主要负责人居民身份证'),
        licence('physician', '医师执业证书', 'PHYSICIAN_PRACTICE'),
        material('premises', '诊所用房产权证明或使用证明'),
      ],
      result: { type: 'other', name: `${name}凭证` },
      places: [halls.xiuying],
      themes: ['healthSafety', 'establishment'],
      form: institutionForm(name),
      ...xiuying,
    }),
  })),
  ...[
    ['计划生育家庭特别扶助金', '独生子女伤残或死亡、未再生育或合法收养子女、女方年满 49 周岁的夫妻'],
    ['农村部分计划生育家庭奖励扶助金', '农业户口、只有一个子女或两个女孩、年满 60 周岁的夫妻'],
  ].map(([name, who], i) => ({
    basic: basic('benefit', 101 + i, name!, {
      ...health,
      objectType: 'person' as const,
      legalBasis: '《中华人民共和国人口与计划生育法》第三十一条',
      levels: ['county' as const],
    }),
    department: 'XY-WJW',
    guide: guide({
      objectType: 'person',
      statutoryDays: 30,
      committedDays: 20,
      onlineDepth: 2,
      visits: 1,
      conditions: `本区户籍，${who}。`,
      materials: [
        applicationForm(`${name}申请表`),
        idCard(),
        licence('household', '户口簿', 'HOUSEHOLD_REGISTER'),
      ],
      result: { type: 'other', name: '扶助金按年发放至本人社会保障卡' },
      places: [halls.xiuying],
      themes: ['socialSecurity', 'retirement'],
      ...xiuying,
    }),
  })),
  {
    basic: basic('filing', 104, '托育机构备案', {
      ...health,
      objectType: 'enterprise',
      legalBasis: '《托育机构登记和备案办法（试行）》第八条',
      levels: ['county'],
    }),
    department: 'XY-WJW',
    guide: guide({
      objectType: 'enterprise',
      handlingType: 'immediate',
      statutoryDays: 5,
      committedDays: 0,
      onlineDepth: 3,
      conditions: '已登记的托育机构，场地、人员和卫生保健条件符合《托育机构设置标准（试行）》。',
      materials: [
        applicationForm('托育机构备案书'),
        businessLicence(),
        material('safety', '消防安全检查合格证明'),
      ],
      result: { type: 'other', name: '托育机构备案回执' },
      places: [halls.xiuying],
      themes: ['permits'],
      form: institutionForm('托育机构备案'),
      ...xiuying,
    }),
  },
];
