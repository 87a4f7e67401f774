import {
  applicantFields,
  applicationForm,
  channels,
  enterpriseFields,
  fields,
  form,
  guide,
  halls,
  idCard,
  licence,
  material,
  steps,
} from './catalog-demo-builders.js';
import { basic, type DemoItem } from './catalog-demo-types.js';

/** 卫生健康 items of seed 004 published by 海口市卫生健康委员会 (HK-WJW). */
const health = { departmentType: '卫生健康' } as const;
const haikou = channels('0898-68723119（海口市卫生健康委员会）');
const institutionForm = (title: string) => form(title, { ...enterpriseFields() });

/** 出生医学证明: the first member of 新生儿出生一件事, its fields mapped from the bundle's form. */
export const birthCertificateForm = form('出生医学证明首次签发申请', {
  babyName: fields.text('新生儿姓名', { maxLength: 50 }),
  babyGender: fields.select('新生儿性别', { male: '男', female: '女' }),
  birthDate: fields.date('出生日期'),
  hospital: fields.text('出生医院', { maxLength: 200 }),
  motherName: fields.text('母亲姓名', { maxLength: 50 }),
  motherIdNumber: fields.idNumber('母亲公民身份号码'),
  fatherName: fields.text('父亲姓名', { maxLength: 50 }),
  fatherIdNumber: fields.idNumber('父亲公民身份号码'),
});

export const localHealthItems: DemoItem[] = [
  {
    basic: basic('licence', 107, '医疗机构执业登记', {
      ...health,
      objectType: 'enterprise',
      legalBasis: '《医疗机构管理条例》第十五条；《医疗机构管理条例实施细则》',
      levels: ['province', 'city', 'county'],
      aliases: ['医疗机构执业许可证'],
    }),
    department: 'HK-WJW',
    guide: guide({
      objectType: 'enterprise',
      statutoryDays: 45,
      committedDays: 15,
      conditions:
        '按照设置审批取得设置医疗机构批准书（依法免于设置审批的除外），符合医疗机构基本标准，经现场核查合格。',
      materials: [
        applicationForm('医疗机构申请执业登记注册书'),
        material('premises', '房屋产权证明或使用证明'),
        material('staffList', '医疗卫生技术人员名册及执业证书'),
        material('rules', '医疗机构规章制度'),
        material('approval', '设置医疗机构批准书', { requirement: 'conditional' }),
        licence('oldLicence', '原医疗机构执业许可证', 'MEDICAL_INSTITUTION_LICENCE', {
          requirement: 'conditional',
        }),
        material('changeProof', '变更事项证明材料', { requirement: 'conditional' }),
      ],
      steps: steps(15, '审查申请材料并组织现场核查'),
      result: { type: 'licence', name: '医疗机构执业许可证', licenceTypeCode: 'MEDICAL_INSTITUTION_LICENCE' },
      places: [halls.haikou],
      themes: ['healthSafety', 'permits'],
      form: form(
        '医疗机构执业登记申请',
        {
          ...enterpriseFields(),
          changeItems: fields.text('变更事项', { maxLength: 500, 'x-section': 'change' }),
        },
        { sections: [{ key: 'change', title: '变更登记' }] },
      ),
      situations: {
        start: 'kind',
        questions: [
          {
            id: 'kind',
            text: '您要办理哪类执业登记？',
            options: [
              { value: 'new', label: '新办执业登记', effects: { materials: ['approval'] } },
              {
                value: 'change',
                label: '变更登记（名称、地址、诊疗科目等）',
                effects: { materials: ['oldLicence', 'changeProof'], formSections: ['change'] },
              },
              { value: 'inspect', label: '校验', effects: { materials: ['oldLicence'] } },
            ],
          },
        ],
      },
      ...haikou,
    }),
  },
  {
    basic: basic('licence', 108, '公共场所卫生许可', {
      ...health,
      objectType: 'enterprise',
      legalBasis: '《公共场所卫生管理条例》第八条；《公共场所卫生管理条例实施细则》第二十二条',
      levels: ['city', 'county'],
      aliases: ['卫生许可证'],
    }),
    department: 'HK-WJW',
    guide: guide({
      objectType: 'enterprise',
      statutoryDays: 20,
      committedDays: 1,
      conditions:
        '经营场所、设施设备和卫生管理制度符合公共场所卫生标准和规范；申请人自愿选择告知承诺方式的，书面承诺符合许可条件。',
      materials: [
        applicationForm('公共场所卫生许可申请表'),
        businessLicence(),
        material('layout', '经营场所平面图'),
        material('inspectionReport', '卫生检测报告', { commitmentWaivable: true }),
        material('commitment', '告知承诺书（签字盖章）'),
      ],
      result: {
        type: 'licence',
        name: '公共场所卫生许可证',
        licenceTypeCode: 'PUBLIC_PLACE_HYGIENE_LICENCE',
      },
      places: [halls.haikou],
      themes: ['healthSafety', 'permits'],
      form: institutionForm('公共场所卫生许可申请'),
      mode: {
        kind: 'commitment',
        commitmentText:
          '本单位已知悉公共场所卫生许可的全部条件和要求，承诺所提交材料真实有效，经营场所符合卫生标准和规范，' +
          '并将在领取许可证后 3 个月内提交卫生检测报告。如有不实，愿意承担由此产生的一切法律责任，接受撤销许可等处理。',
        publicationDays: 7,
      },
      ...haikou,
    }),
  },
  {
    basic: basic('licence', 109, '饮用水供水单位卫生许可', {
      ...health,
      objectType: 'enterprise',
      legalBasis: '《中华人民共和国传染病防治法》第二十九条；《生活饮用水卫生监督管理办法》第七条',
      levels: ['city', 'county'],
    }),
    department: 'HK-WJW',
    guide: guide({
      objectType: 'enterprise',
      conditions: '供水设施、水质净化消毒设施和水质检验能力符合生活饮用水卫生标准。',
      materials: [
        applicationForm('饮用水供水单位卫生许可申请书'),
        businessLicence(),
        material('waterReport', '水质检测报告'),
      ],
      result: {
        type: 'licence',
        name: '卫生许可证（供水）',
        licenceTypeCode: 'WATER_SUPPLY_HYGIENE_LICENCE',
      },
      places: [halls.haikou],
      themes: ['healthSafety', 'permits'],
      form: institutionForm('饮用水供水单位卫生许可申请'),
      ...haikou,
    }),
  },
  {
    basic: basic('licence', 110, '医疗广告审查', {
      ...health,
      objectType: 'enterprise',
      legalBasis: '《中华人民共和国广告法》第四十六条；《医疗广告管理办法》第八条',
      levels: ['city'],
    }),
    department: 'HK-WJW',
    guide: guide({
      objectType: 'enterprise',
      statutoryDays: 20,
      committedDays: 5,
      conditions: '持有有效《医疗机构执业许可证》，广告内容限于医疗机构名称、诊疗科目等法定内容。',
      materials: [
        applicationForm('医疗广告审查申请表'),
        licence('institutionLicence', '医疗机构执业许可证', 'MEDICAL_INSTITUTION_LICENCE'),
        material('adSample', '医疗广告成品样件', { fileTypes: ['pdf', 'jpg', 'png', 'mp4'] }),
      ],
      result: { type: 'approval', name: '医疗广告审查证明' },
      places: [halls.haikou],
      themes: ['healthSafety'],
      form: institutionForm('医疗广告审查申请'),
      ...haikou,
    }),
  },
  {
    basic: basic('publicService', 101, '出生医学证明办理', {
      ...health,
      objectType: 'person',
      legalBasis: '《中华人民共和国母婴保健法》第二十三条；《出生医学证明管理办法》',
      levels: ['city', 'county'],
      aliases: ['出生证', '出生医学证明首次签发'],
    }),
    department: 'HK-WJW',
    guide: guide({
      objectType: 'person',
      handlingType: 'immediate',
      statutoryDays: 5,
      committedDays: 0,
      onlineDepth: 3,
      conditions: '在本市助产机构出生的新生儿，由其父母或监护人申请首次签发。',
      materials: [
        idCard('motherIdCard', '母亲居民身份证'),
        idCard('fatherIdCard', '父亲居民身份证'),
        material('birthRecord', '分娩记录（助产机构提供）', { source: 'government', issuer: '助产机构' }),
      ],
      result: { type: 'licence', name: '出生医学证明（电子证照）', licenceTypeCode: 'BIRTH_CERTIFICATE' },
      places: [halls.haikou],
      themes: ['birth', 'medical'],
      handlingScope: 'city',
      form: birthCertificateForm,
      ...haikou,
    }),
  },
  {
    basic: basic('licence', 111, '母婴保健服务人员资格认定', {
      ...health,
      objectType: 'person',
      legalBasis: '《中华人民共和国母婴保健法》第三十三条',
      levels: ['province', 'county'],
    }),
    department: 'HK-WJW',
    guide: guide({
      objectType: 'person',
      conditions: '取得相应执业资格，经考核合格，拟从事母婴保健技术服务。',
      materials: [
        idCard(),
        licence('practice', '医师或护士执业证书', 'PHYSICIAN_PRACTICE'),
        material('training', '培训考核合格证明'),
      ],
      result: { type: 'licence', name: '母婴保健技术考核合格证书', licenceTypeCode: 'MATERNAL_INFANT_STAFF' },
      places: [halls.haikou],
      themes: ['qualification', 'medical'],
      form: form('母婴保健服务人员资格认定申请', {
        ...applicantFields(),
        institution: fields.text('执业机构', { maxLength: 200 }),
      }),
      ...haikou,
    }),
  },
];

function businessLicence() {
  return licence('businessLicence', '营业执照', 'BUSINESS_LICENCE');
}
