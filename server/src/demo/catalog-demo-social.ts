import {
  applicantFields,
  channels,
  fields,
  form,
  guide,
  halls,
  idCard,
  licence,
  material,
} from './catalog-demo-builders.js';
import { basic, type DemoItem } from './catalog-demo-types.js';

/** 医保 (HK-YBJ) and 人社 (HK-RSJ) items; three are members of 新生儿出生一件事. */
export const insuranceEnrolmentForm = form('城乡居民基本医疗保险参保登记', {
  insuredName: fields.text('参保人姓名', { maxLength: 50 }),
  insuredBirthDate: fields.date('出生日期'),
  guardianName: fields.text('监护人姓名', { maxLength: 50 }),
  guardianIdNumber: fields.idNumber('监护人公民身份号码'),
  guardianPhone: fields.phone('监护人联系电话'),
});
export const socialSecurityCardForm = form('社会保障卡申领', {
  cardholderName: fields.text('持卡人姓名', { maxLength: 50 }),
  guardianIdNumber: fields.idNumber('监护人公民身份号码'),
  phone: fields.phone('联系电话'),
  mailingAddress: fields.address('邮寄地址'),
});

const insurance = channels('0898-12393（医疗保障服务热线）');
const hr = channels('0898-12333（人力资源社会保障服务热线）');
const person = { objectType: 'person' as const, levels: ['city' as const, 'county' as const] };

export const socialItems: DemoItem[] = [
  {
    basic: basic('publicService', 103, '城乡居民基本医疗保险参保登记', {
      ...person,
      departmentType: '医疗保障',
      legalBasis: '《中华人民共和国社会保险法》第二十五条',
      aliases: ['医保参保', '新生儿参保', '居民医保'],
    }),
    department: 'HK-YBJ',
    guide: guide({
      objectType: 'person',
      handlingType: 'immediate',
      statutoryDays: 5,
      committedDays: 0,
      conditions: '本市户籍或持本市居住证、未参加职工基本医疗保险的城乡居民（含新生儿）。',
      materials: [
        idCard('guardianIdCard', '参保人或监护人居民身份证'),
        licence('household', '居民户口簿', 'HOUSEHOLD_REGISTER'),
      ],
      result: { type: 'other', name: '参保登记信息' },
      places: [halls.haikou],
      themes: ['medical', 'socialSecurity', 'birth'],
      handlingScope: 'province',
      form: insuranceEnrolmentForm,
      ...insurance,
    }),
  },
  {
    basic: basic('benefit', 103, '生育津贴申领', {
      ...person,
      departmentType: '医疗保障',
      legalBasis: '《中华人民共和国社会保险法》第五十四条、第五十六条',
      aliases: ['生育保险待遇', '产假工资'],
    }),
    department: 'HK-YBJ',
    guide: guide({
      objectType: 'person',
      statutoryDays: 20,
      committedDays: 10,
      onlineDepth: 3,
      conditions: '参加生育保险的职工在本市定点医疗机构分娩或实施计划生育手术。',
      materials: [
        idCard(),
        material('medicalRecord', '出院记录或诊断证明'),
        material('bankCard', '本人社会保障卡或银行卡'),
      ],
      result: { type: 'other', name: '生育津贴发放至本人账户' },
      places: [halls.haikou],
      themes: ['birth', 'socialSecurity'],
      form: form('生育津贴申领', {
        ...applicantFields(),
        birthDate: fields.date('分娩日期'),
        employer: fields.text('用人单位', { maxLength: 200 }),
      }),
      ...insurance,
    }),
  },
  {
    basic: basic('publicService', 104, '社会保障卡申领', {
      ...person,
      departmentType: '人力资源社会保障',
      legalBasis: '《中华人民共和国社会保险法》第五十八条；《社会保障卡管理办法》',
      aliases: ['社保卡', '社保卡办理'],
    }),
    department: 'HK-RSJ',
    guide: guide({
      objectType: 'person',
      statutoryDays: 20,
      committedDays: 10,
      conditions: '已参加本市社会保险或已在本市进行人员基础信息登记的人员（含新生儿）。',
      materials: [
        idCard('guardianIdCard', '申领人或监护人居民身份证'),
        material('photo', '近期免冠白底证件照电子照片', {
          media: 'electronic',
          copies: 0,
          fileTypes: ['jpg'],
        }),
      ],
      result: { type: 'licence', name: '社会保障卡', licenceTypeCode: 'SOCIAL_SECURITY_CARD' },
      places: [halls.haikou],
      themes: ['socialSecurity', 'birth'],
      handlingScope: 'province',
      form: socialSecurityCardForm,
      ...hr,
    }),
  },
  {
    basic: basic('publicService', 105, '失业登记', {
      ...person,
      departmentType: '人力资源社会保障',
      legalBasis: '《就业服务与就业管理规定》第六十一条',
    }),
    department: 'HK-RSJ',
    guide: guide({
      objectType: 'person',
      handlingType: 'immediate',
      statutoryDays: 1,
      committedDays: 0,
      conditions: '在法定劳动年龄内，有劳动能力，有就业要求，处于无业状态的城乡劳动者。',
      materials: [idCard()],
      result: { type: 'other', name: '失业登记信息' },
      places: [halls.haikou],
      themes: ['employment'],
      handlingScope: 'national',
      form: form(
        '失业登记',
        { ...applicantFields(), lastEmployer: fields.text('原工作单位', { maxLength: 200 }) },
        { optional: ['lastEmployer'] },
      ),
      ...hr,
    }),
  },
  {
    basic: basic('publicService', 106, '就业创业证申领', {
      ...person,
      departmentType: '人力资源社会保障',
      legalBasis: '《就业服务与就业管理规定》第六十三条',
      aliases: ['就业失业登记证'],
    }),
    department: 'HK-RSJ',
    guide: guide({
      objectType: 'person',
      handlingType: 'immediate',
      statutoryDays: 5,
      committedDays: 0,
      conditions: '已办理就业登记或失业登记的劳动者。',
      materials: [idCard()],
      result: { type: 'licence', name: '就业创业证（电子证照）', licenceTypeCode: 'EMPLOYMENT_CERTIFICATE' },
      places: [halls.haikou],
      themes: ['employment'],
      handlingScope: 'province',
      form: form('就业创业证申领', { ...applicantFields() }),
      ...hr,
    }),
  },
];
