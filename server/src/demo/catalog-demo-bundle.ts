import type { CreateBundleRequest } from '../modules/catalog/bundle-schema.js';
import { fields, form } from './catalog-demo-builders.js';

/**
 * 新生儿出生一件事 (seed 004 §2.8.1): 出生医学证明 (妇幼) → 出生登记 (公安) → 医保参保 (医保) → 社保卡 (人社),
 * dispatched in that order, one shared form mapped onto each member's form. Members are named by their
 * basic code and department code; the loader resolves them to the published demo items.
 */
export interface DemoBundle extends Omit<CreateBundleRequest, 'departmentId' | 'members'> {
  department: string;
  members: { basicCode: string; department: string; fieldMap: Record<string, string> }[];
}

export const newbornBundle: DemoBundle = {
  code: 'YJS-460100-XSECS',
  name: '新生儿出生一件事',
  description:
    '新生儿出生后，父母一次申请、一表填报，即可办理出生医学证明、户口登记、城乡居民医保参保和社会保障卡申领。',
  objectType: 'person',
  department: 'HK-ZWFWZX',
  themes: ['birth'],
  form: form('新生儿出生一件事联办申请表', {
    babyName: fields.text('新生儿姓名', { maxLength: 50 }),
    babyGender: fields.select('新生儿性别', { male: '男', female: '女' }),
    birthDate: fields.date('出生日期'),
    hospital: fields.text('出生医院', { maxLength: 200 }),
    motherName: fields.text('母亲姓名', { maxLength: 50 }),
    motherIdNumber: fields.idNumber('母亲公民身份号码'),
    fatherName: fields.text('父亲姓名', { maxLength: 50 }),
    fatherIdNumber: fields.idNumber('父亲公民身份号码'),
    householdAddress: fields.address('落户地址'),
    guardianPhone: fields.phone('联系电话'),
    mailingAddress: fields.address('社保卡邮寄地址'),
  }),
  members: [
    {
      basicCode: '200000101',
      department: 'HK-WJW',
      fieldMap: {
        babyName: 'babyName',
        babyGender: 'babyGender',
        birthDate: 'birthDate',
        hospital: 'hospital',
        motherName: 'motherName',
        motherIdNumber: 'motherIdNumber',
        fatherName: 'fatherName',
        fatherIdNumber: 'fatherIdNumber',
      },
    },
    {
      basicCode: '070000104',
      department: 'HK-GAJ',
      fieldMap: {
        babyName: 'childName',
        babyGender: 'childGender',
        birthDate: 'childBirthDate',
        fatherIdNumber: 'guardianIdNumber',
        householdAddress: 'householdAddress',
      },
    },
    {
      basicCode: '200000103',
      department: 'HK-YBJ',
      fieldMap: {
        babyName: 'insuredName',
        birthDate: 'insuredBirthDate',
        motherName: 'guardianName',
        motherIdNumber: 'guardianIdNumber',
        guardianPhone: 'guardianPhone',
      },
    },
    {
      basicCode: '200000104',
      department: 'HK-RSJ',
      fieldMap: {
        babyName: 'cardholderName',
        motherIdNumber: 'guardianIdNumber',
        guardianPhone: 'phone',
        mailingAddress: 'mailingAddress',
      },
    },
  ],
};
