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
} from './catalog-demo-builders.js';
import { basic, type DemoItem } from './catalog-demo-types.js';

/**
 * 卫生健康 items of seed 004 Appendix A (Jiangsu's list), published here by the Hainan demo health
 * commissions: province-level licences and registrations by 海南省卫生健康委员会 (HN-WJW).
 */
const health = { departmentType: '卫生健康' } as const;
const hotline = channels('0898-65388000（省卫生健康委员会政务服务窗口）');

const physicianForm = form(
  '医师执业注册申请表',
  {
    ...applicantFields(),
    registrationKind: fields.select('注册类型', {
      first: '首次注册',
      change: '变更注册',
      cancel: '注销注册',
    }),
    qualificationNumber: fields.text('医师资格证书编码', { maxLength: 30 }),
    practiceCategory: fields.select('执业类别', {
      clinical: '临床',
      tcm: '中医',
      dental: '口腔',
      publicHealth: '公共卫生',
    }),
    institution: fields.text('拟执业机构名称', { maxLength: 200 }),
    previousInstitution: fields.text('原执业机构名称', { maxLength: 200, 'x-section': 'change' }),
  },
  { sections: [{ key: 'change', title: '变更信息' }] },
);

const nurseForm = form('护士执业注册申请表', {
  ...applicantFields(),
  examYear: fields.number('护士执业资格考试通过年份', { minimum: 1990, maximum: 2100 }),
  employerKind: fields.select('拟执业机构类别', {
    hospital: '医院',
    clinic: '诊所',
    healthCentre: '卫生院/社区卫生服务中心',
    other: '其他',
  }),
  employer: fields.text('拟执业机构名称', { maxLength: 200 }),
});

const institutionForm = (title: string) =>
  form(title, { ...enterpriseFields(), project: fields.text('申请项目', { maxLength: 200 }) });

export const provinceHealthItems: DemoItem[] = [
  {
    basic: basic('licence', 101, '医师执业注册', {
      ...health,
      objectType: 'person',
      legalBasis: '《中华人民共和国医师法》第十三条；《医师执业注册管理办法》',
      levels: ['province', 'city', 'county'],
      aliases: ['医师注册', '医生执业注册'],
    }),
    department: 'HN-WJW',
    guide: guide({
      objectType: 'person',
      statutoryDays: 20,
      committedDays: 5,
      conditions: '取得医师资格证书，经受聘医疗卫生机构同意，身体健康，无不予注册情形。',
      materials: [
        applicationForm('医师执业注册申请审核表'),
        licence('qualification', '医师资格证书', 'PHYSICIAN_QUALIFICATION'),
        idCard(),
        material('healthCertificate', '近 6 个月内的健康体检证明', { issuer: '县级以上医疗机构' }),
        material('employment', '拟执业机构聘用证明', { requirement: 'conditional' }),
        licence('practiceCertificate', '原医师执业证书', 'PHYSICIAN_PRACTICE', {
          requirement: 'conditional',
        }),
      ],
      result: { type: 'licence', name: '医师执业证书（电子证照）', licenceTypeCode: 'PHYSICIAN_PRACTICE' },
      places: [halls.province],
      themes: ['qualification', 'medical'],
      handlingScope: 'province',
      form: physicianForm,
      situations: {
        start: 'kind',
        questions: [
          {
            id: 'kind',
            text: '您要办理哪种注册？',
            options: [
              { value: 'first', label: '首次注册', effects: { materials: ['employment'] } },
              {
                value: 'change',
                label: '变更执业地点或范围',
                effects: { materials: ['employment', 'practiceCertificate'], formSections: ['change'] },
              },
              { value: 'cancel', label: '注销注册', effects: { materials: ['practiceCertificate'] } },
            ],
          },
        ],
      },
      ...hotline,
    }),
  },
  {
    basic: basic('licence', 102, '护士执业注册', {
      ...health,
      objectType: 'person',
      legalBasis: '《护士条例》第七条；《护士执业注册管理办法》',
      levels: ['province', 'city', 'county'],
      aliases: ['护士注册'],
    }),
    department: 'HN-WJW',
    guide: guide({
      objectType: 'person',
      handlingType: 'immediate',
      statutoryDays: 20,
      committedDays: 0,
      conditions:
        '具有完全民事行为能力；通过国务院卫生主管部门组织的护士执业资格考试；符合健康标准；首次申请在通过考试之日起 3 年内提出。',
      materials: [
        idCard(),
        licence('examCertificate', '护士执业资格考试成绩合格证明', 'NURSE_EXAM'),
        material('healthCertificate', '近 6 个月内的健康体检证明', { issuer: '二级以上医疗机构' }),
        material('employment', '拟执业机构接收证明', { media: 'electronic', copies: 0 }),
      ],
      result: { type: 'licence', name: '护士执业证书（电子证照）', licenceTypeCode: 'NURSE_PRACTICE' },
      places: [halls.province],
      themes: ['qualification', 'medical'],
      handlingScope: 'province',
      form: nurseForm,
      mode: {
        kind: 'instant',
        autonomy: 'auto',
        rules: {
          and: [
            { '==': [{ var: 'verified.nurseExamPassed' }, true] },
            { '==': [{ var: 'verified.healthCheckWithin6Months' }, true] },
            { in: [{ var: 'form.employerKind' }, ['hospital', 'clinic', 'healthCentre']] },
            { '!': { var: 'verified.practiceRecordIssue' } },
          ],
        },
      },
      ...hotline,
    }),
  },
  {
    basic: basic('licence', 103, '母婴保健技术服务机构执业许可', {
      ...health,
      objectType: 'enterprise',
      legalBasis: '《中华人民共和国母婴保健法》第三十二条；《中华人民共和国母婴保健法实施办法》第三十五条',
      levels: ['province', 'county'],
    }),
    department: 'HN-WJW',
    guide: guide({
      objectType: 'enterprise',
      conditions:
        '取得《医疗机构执业许可证》，具有与所申请母婴保健技术服务项目相适应的人员、设备和技术条件。',
      materials: [
        applicationForm('母婴保健技术服务执业许可申请登记书'),
        licence('institutionLicence', '医疗机构执业许可证', 'MEDICAL_INSTITUTION_LICENCE'),
        material('staffList', '卫生技术人员名单及资格证明'),
        material('equipment', '相关设备清单'),
      ],
      result: {
        type: 'licence',
        name: '母婴保健技术服务执业许可证',
        licenceTypeCode: 'MATERNAL_INFANT_LICENCE',
      },
      places: [halls.province],
      themes: ['healthSafety', 'permits'],
      form: institutionForm('母婴保健技术服务执业许可申请'),
      ...hotline,
    }),
  },
  {
    basic: basic('licence', 104, '放射诊疗许可', {
      ...health,
      objectType: 'enterprise',
      legalBasis: '《放射诊疗管理规定》第四条、第十二条',
      levels: ['city', 'county'],
      aliases: ['放射源诊疗技术和医用辐射机构许可'],
    }),
    department: 'HN-WJW',
    guide: guide({
      objectType: 'enterprise',
      conditions: '具有经核准登记的医学影像科诊疗科目，配备符合要求的放射诊疗设备、防护设施和专业技术人员。',
      materials: [
        applicationForm('放射诊疗许可申请表'),
        licence('institutionLicence', '医疗机构执业许可证', 'MEDICAL_INSTITUTION_LICENCE'),
        material('evaluation', '放射诊疗建设项目职业病危害控制效果评价报告'),
        material('staff', '放射诊疗工作人员资质证明及个人剂量监测资料'),
      ],
      result: { type: 'licence', name: '放射诊疗许可证', licenceTypeCode: 'RADIATION_LICENCE' },
      places: [halls.province],
      themes: ['healthSafety', 'permits'],
      form: institutionForm('放射诊疗许可申请'),
      ...hotline,
    }),
  },
  {
    basic: basic('licence', 105, '医疗机构设置审批', {
      ...health,
      objectType: 'enterprise',
      legalBasis: '《医疗机构管理条例》第九条',
      levels: ['province', 'city', 'county'],
    }),
    department: 'HN-WJW',
    guide: guide({
      objectType: 'enterprise',
      statutoryDays: 30,
      committedDays: 10,
      onlineDepth: 3,
      visits: 1,
      conditions: '符合本行政区域医疗机构设置规划和医疗机构基本标准。',
      materials: [
        applicationForm('设置医疗机构申请书'),
        material('feasibility', '设置可行性研究报告'),
        material('siteProof', '选址报告和建筑设计平面图'),
      ],
      result: { type: 'approval', name: '设置医疗机构批准书' },
      places: [halls.province],
      themes: ['healthSafety', 'investment'],
      form: institutionForm('设置医疗机构申请'),
      ...hotline,
    }),
  },
  {
    basic: basic('licence', 106, '大型医用设备配置许可', {
      ...health,
      objectType: 'enterprise',
      legalBasis: '《医疗器械监督管理条例》第三十四条；《大型医用设备配置与使用管理办法（试行）》',
      levels: ['province'],
    }),
    department: 'HN-WJW',
    guide: guide({
      objectType: 'enterprise',
      conditions:
        '符合大型医用设备配置规划，与功能定位、临床服务需求相适应，具有相应的技术条件、配套设施和专业人员。',
      materials: [
        applicationForm('大型医用设备配置许可申请表'),
        material('feasibility', '配置可行性论证报告'),
        licence('institutionLicence', '医疗机构执业许可证', 'MEDICAL_INSTITUTION_LICENCE'),
      ],
      result: { type: 'licence', name: '大型医用设备配置许可证', licenceTypeCode: 'LARGE_EQUIPMENT_LICENCE' },
      places: [halls.province],
      themes: ['healthSafety', 'investment'],
      form: institutionForm('大型医用设备配置许可申请'),
      ...hotline,
    }),
  },
  {
    basic: basic('filing', 101, '职业健康检查机构备案', {
      ...health,
      objectType: 'enterprise',
      legalBasis: '《中华人民共和国职业病防治法》第三十五条；《职业健康检查管理办法》第四条',
      levels: ['province'],
    }),
    department: 'HN-WJW',
    guide: guide({
      objectType: 'enterprise',
      handlingType: 'immediate',
      statutoryDays: 5,
      committedDays: 0,
      conditions: '持有《医疗机构执业许可证》，具有与备案的检查类别和项目相适应的场所、仪器设备和执业医师。',
      materials: [
        applicationForm('职业健康检查机构备案表'),
        licence('institutionLicence', '医疗机构执业许可证', 'MEDICAL_INSTITUTION_LICENCE'),
        material('qualityManual', '职业健康检查质量管理制度'),
      ],
      result: { type: 'other', name: '职业健康检查机构备案回执' },
      places: [halls.province],
      themes: ['healthSafety'],
      form: institutionForm('职业健康检查机构备案'),
      ...hotline,
    }),
  },
];
