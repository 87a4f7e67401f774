import {
  applicantFields,
  channels,
  fee,
  fields,
  form,
  guide,
  halls,
  idCard,
  licence,
  material,
} from './catalog-demo-builders.js';
import { basic, type DemoItem } from './catalog-demo-types.js';

/** Common items for citizens: 公安 (HN-GAT, HK-GAJ), 民政 (XY-MZJ, LH-MZJ). */
const police = channels('0898-68531110（海口市公安局户政服务热线）');
const idCardBasis = '《居民身份证工本费》发改价格〔2005〕436 号：申领、换领 20 元；丢失补领、损坏换领 40 元';

export const householdRegistrationForm = form('出生登记（申报户口）申请', {
  childName: fields.text('申报人姓名（新生儿）', { maxLength: 50 }),
  childGender: fields.select('性别', { male: '男', female: '女' }),
  childBirthDate: fields.date('出生日期'),
  guardianIdNumber: fields.idNumber('随迁父（母）公民身份号码'),
  householdAddress: fields.address('落户地址'),
});

const marriage = (department: string, hall: typeof halls.xiuying, phone: string): DemoItem => ({
  basic: marriageBasic,
  department,
  guide: guide({
    objectType: 'person',
    handlingType: 'immediate',
    statutoryDays: 1,
    committedDays: 0,
    onlineDepth: 2,
    visits: 1,
    hallRequired: true,
    delivery: false,
    conditions:
      '男女双方完全自愿，男年满 22 周岁、女年满 20 周岁，双方均无配偶，且无禁止结婚的亲属关系。双方须亲自到婚姻登记机关办理。',
    materials: [
      idCard('idCards', '双方居民身份证'),
      licence('household', '双方户口簿', 'HOUSEHOLD_REGISTER'),
      material('photos', '双方近期半身免冠合影照片 2 张', { copies: 2, media: 'paper', fileTypes: [] }),
    ],
    charged: false,
    result: { type: 'licence', name: '结婚证', licenceTypeCode: 'MARRIAGE_CERTIFICATE' },
    places: [hall],
    themes: ['marriage'],
    handlingScope: 'province',
    ...channels(phone),
  }),
});

const marriageBasic = basic('confirmation', 101, '结婚登记', {
  departmentType: '民政',
  objectType: 'person',
  legalBasis: '《中华人民共和国民法典》第一千零四十九条；《婚姻登记条例》第四条',
  levels: ['county'],
  aliases: ['领结婚证', '婚姻登记'],
});

export const civilItems: DemoItem[] = [
  {
    basic: basic('publicService', 102, '无犯罪记录证明', {
      departmentType: '公安',
      objectType: 'person',
      legalBasis: '《公安机关办理无犯罪记录证明工作规定》',
      levels: ['province', 'city', 'county'],
      aliases: ['无犯罪证明'],
    }),
    department: 'HN-GAT',
    guide: guide({
      objectType: 'person',
      statutoryDays: 3,
      committedDays: 1,
      conditions: '中国公民申请开具本人在中国大陆居住期间的无犯罪记录证明。',
      materials: [
        idCard(),
        material('authorisation', '委托书（委托他人代办时）', { requirement: 'optional' }),
      ],
      result: { type: 'licence', name: '无犯罪记录证明（电子证明）', licenceTypeCode: 'NO_CRIMINAL_RECORD' },
      places: [halls.province],
      themes: ['certificates', 'employment'],
      handlingScope: 'national',
      form: form('无犯罪记录证明申请', {
        ...applicantFields(),
        purpose: fields.text('用途', { maxLength: 100 }),
      }),
      ...channels('0898-68836110（海南省公安厅）'),
    }),
  },
  {
    basic: basic('confirmation', 102, '居民身份证换领、补领', {
      departmentType: '公安',
      objectType: 'person',
      legalBasis: '《中华人民共和国居民身份证法》第十一条',
      levels: ['county'],
      aliases: ['身份证换领', '身份证补办', '换身份证'],
    }),
    department: 'HK-GAJ',
    guide: guide({
      name: '居民身份证换领、补领',
      objectType: 'person',
      statutoryDays: 60,
      committedDays: 20,
      onlineDepth: 3,
      visits: 1,
      hallRequired: true,
      conditions: '居民身份证有效期满、证件损坏或丢失的本市户籍居民；异地换领、补领可在全国任一受理点申请。',
      materials: [
        licence('household', '居民户口簿', 'HOUSEHOLD_REGISTER'),
        material('oldCard', '原居民身份证', { requirement: 'conditional', media: 'paper', fileTypes: [] }),
        material('lossStatement', '居民身份证丢失声明', { requirement: 'conditional' }),
      ],
      charged: true,
      fees: [
        fee('renewFee', '居民身份证工本费（换领）', 2000, idCardBasis, true),
        fee('reissueFee', '居民身份证工本费（补领、损坏换领）', 4000, idCardBasis, true),
      ],
      result: { type: 'licence', name: '居民身份证', licenceTypeCode: 'ID_CARD' },
      places: [halls.haikou],
      themes: ['certificates', 'household'],
      handlingScope: 'national',
      form: form(
        '居民身份证申领登记表',
        { ...applicantFields(), mailingAddress: fields.address('邮寄地址') },
        { optional: ['mailingAddress'] },
      ),
      situations: {
        start: 'reason',
        questions: [
          {
            id: 'reason',
            text: '您为什么要办理身份证？',
            options: [
              {
                value: 'expired',
                label: '有效期满换领',
                effects: { materials: ['oldCard'], fees: ['renewFee'] },
              },
              {
                value: 'damaged',
                label: '证件损坏换领',
                effects: { materials: ['oldCard'], fees: ['reissueFee'] },
              },
              {
                value: 'lost',
                label: '证件丢失补领',
                effects: { materials: ['lossStatement'], fees: ['reissueFee'] },
              },
            ],
          },
        ],
      },
      ...police,
    }),
  },
  {
    basic: basic('confirmation', 103, '户口迁移', {
      departmentType: '公安',
      objectType: 'person',
      legalBasis: '《中华人民共和国户口登记条例》第十条；《海南省户籍管理规定》',
      levels: ['county'],
      aliases: ['迁户口', '户口迁入', '落户'],
    }),
    department: 'HK-GAJ',
    guide: guide({
      objectType: 'person',
      statutoryDays: 20,
      committedDays: 5,
      onlineDepth: 3,
      conditions: '符合海口市户口迁入政策：投靠直系亲属、购买住房或就业人才引进等。',
      materials: [
        idCard(),
        licence('household', '居民户口簿', 'HOUSEHOLD_REGISTER'),
        licence('marriage', '结婚证', 'MARRIAGE_CERTIFICATE', { requirement: 'conditional' }),
        licence('property', '不动产权证书', 'REAL_ESTATE_CERTIFICATE', { requirement: 'conditional' }),
        material('labourContract', '劳动合同及社保缴纳证明', { requirement: 'conditional' }),
      ],
      result: { type: 'other', name: '户口簿变更登记' },
      places: [halls.haikou],
      themes: ['household'],
      handlingScope: 'crossProvince',
      form: form('户口迁移申请', {
        ...applicantFields(),
        fromAddress: fields.address('迁出地址'),
        toAddress: fields.address('迁入地址'),
      }),
      situations: {
        start: 'reason',
        questions: [
          {
            id: 'reason',
            text: '您以什么条件迁入？',
            options: [
              { value: 'spouse', label: '投靠配偶', effects: { materials: ['marriage'] } },
              { value: 'house', label: '购买住房', effects: { materials: ['property'] } },
              { value: 'work', label: '就业落户', effects: { materials: ['labourContract'] } },
            ],
          },
        ],
      },
      ...police,
    }),
  },
  {
    basic: basic('confirmation', 104, '出生登记', {
      departmentType: '公安',
      objectType: 'person',
      legalBasis: '《中华人民共和国户口登记条例》第七条',
      levels: ['county'],
      aliases: ['新生儿落户', '新生儿户口登记', '报户口'],
    }),
    department: 'HK-GAJ',
    guide: guide({
      objectType: 'person',
      statutoryDays: 5,
      committedDays: 1,
      conditions: '婴儿出生后一个月以内，由户主、亲属、抚养人或者邻居向婴儿常住地户口登记机关申报出生登记。',
      materials: [
        licence('birthCertificate', '出生医学证明', 'BIRTH_CERTIFICATE'),
        licence('household', '随迁父（母）居民户口簿', 'HOUSEHOLD_REGISTER'),
        licence('marriage', '父母结婚证', 'MARRIAGE_CERTIFICATE'),
      ],
      result: { type: 'other', name: '户口簿（新生儿登记页）' },
      places: [halls.haikou],
      themes: ['birth', 'household'],
      form: householdRegistrationForm,
      ...police,
    }),
  },
  marriage('XY-MZJ', halls.xiuying, '0898-68661234（秀英区婚姻登记处）'),
  marriage('LH-MZJ', halls.longhua, '0898-66521234（龙华区婚姻登记处）'),
  {
    basic: basic('confirmation', 105, '离婚登记', {
      departmentType: '民政',
      objectType: 'person',
      legalBasis: '《中华人民共和国民法典》第一千零七十六条、第一千零七十七条；《婚姻登记条例》第十条',
      levels: ['county'],
    }),
    department: 'XY-MZJ',
    guide: guide({
      objectType: 'person',
      statutoryDays: 30,
      committedDays: 30,
      onlineDepth: 2,
      visits: 2,
      hallRequired: true,
      delivery: false,
      conditions:
        '双方自愿离婚，对子女抚养、财产及债务处理等事项协商一致；提交申请 30 日冷静期满后，双方亲自到场申请发给离婚证。',
      materials: [
        idCard('idCards', '双方居民身份证'),
        licence('marriage', '结婚证', 'MARRIAGE_CERTIFICATE'),
        material('agreement', '离婚协议书', { copies: 3, media: 'paper', fileTypes: [] }),
      ],
      result: { type: 'licence', name: '离婚证', licenceTypeCode: 'DIVORCE_CERTIFICATE' },
      places: [halls.xiuying],
      themes: ['marriage'],
      ...channels('0898-68661234（秀英区婚姻登记处）'),
    }),
  },
];
