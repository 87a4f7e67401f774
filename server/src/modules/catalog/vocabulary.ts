/**
 * The catalogue's controlled vocabularies as data: item types with their code digits, service objects,
 * handling types, online depths, 通办 scopes and themes. Seed 004 counts item types three different ways
 * (L4355, L4509), so they are a list to extend here, never branches in code. The web app reads them
 * through `catalog.listCategories`.
 */

/** 事项类型 — the national catalogue's kinds of item; `digits` starts every basic code of the type. */
export const itemTypes = [
  { code: 'licence', digits: '01', name: '行政许可' },
  { code: 'penalty', digits: '02', name: '行政处罚' },
  { code: 'enforcement', digits: '03', name: '行政强制' },
  { code: 'levy', digits: '04', name: '行政征收' },
  { code: 'benefit', digits: '05', name: '行政给付' },
  { code: 'inspection', digits: '06', name: '行政检查' },
  { code: 'confirmation', digits: '07', name: '行政确认' },
  { code: 'reward', digits: '08', name: '行政奖励' },
  { code: 'adjudication', digits: '09', name: '行政裁决' },
  { code: 'otherPower', digits: '10', name: '其他行政权力' },
  { code: 'filing', digits: '11', name: '行政备案' },
  { code: 'publicService', digits: '20', name: '公共服务' },
] as const;
export type ItemType = (typeof itemTypes)[number]['code'];

export function itemTypeOf(code: string) {
  return itemTypes.find((t) => t.code === code);
}

/** 服务对象 — who applies: a natural person (个人), a legal person (法人), or either. */
export const objectTypes = [
  { code: 'person', name: '自然人' },
  { code: 'enterprise', name: '法人' },
  { code: 'both', name: '自然人、法人' },
] as const;
export type ObjectType = (typeof objectTypes)[number]['code'];

/** 办件类型 — 即办件 (decided on the spot) or 承诺件 (decided within the committed time limit). */
export const handlingTypes = [
  { code: 'immediate', name: '即办件' },
  { code: 'promised', name: '承诺件' },
] as const;

/** 网上办理深度 — 一级 information only … 四级 fully online. */
export const onlineDepths = [
  { code: 1, name: '一级：信息发布' },
  { code: 2, name: '二级：表格下载' },
  { code: 3, name: '三级：在线预审' },
  { code: 4, name: '四级：全程网办' },
] as const;

/** 通办范围 — where else the item can be applied for besides the implementing department's place. */
export const handlingScopes = [
  { code: 'national', name: '全国通办' },
  { code: 'crossProvince', name: '跨省通办' },
  { code: 'province', name: '全省通办' },
  { code: 'city', name: '全市通办' },
  { code: 'county', name: '全县通办' },
] as const;
export type HandlingScope = (typeof handlingScopes)[number]['code'];

/** 办理模式 — ordinary; 告知承诺制 (a signed commitment replaces proofs); 秒批 (rule-decided). */
export const handlingModes = [
  { code: 'ordinary', name: '一般办理' },
  { code: 'commitment', name: '告知承诺' },
  { code: 'instant', name: '秒批' },
] as const;

/**
 * 主题 — life events (个人) and the enterprise life cycle (法人), as the national platform groups items.
 * A theme belongs to one object type; an item may have several themes.
 */
export const themes = [
  { code: 'birth', name: '生育收养', objectType: 'person' },
  { code: 'household', name: '户籍办理', objectType: 'person' },
  { code: 'education', name: '教育科研', objectType: 'person' },
  { code: 'employment', name: '就业创业', objectType: 'person' },
  { code: 'marriage', name: '婚姻登记', objectType: 'person' },
  { code: 'medical', name: '医疗卫生', objectType: 'person' },
  { code: 'socialSecurity', name: '社会保障', objectType: 'person' },
  { code: 'retirement', name: '退休养老', objectType: 'person' },
  { code: 'housing', name: '住房保障', objectType: 'person' },
  { code: 'certificates', name: '证件办理', objectType: 'person' },
  { code: 'qualification', name: '职业资格', objectType: 'person' },
  { code: 'travel', name: '交通出行', objectType: 'person' },
  { code: 'death', name: '死亡殡葬', objectType: 'person' },
  { code: 'establishment', name: '设立变更', objectType: 'enterprise' },
  { code: 'permits', name: '准营准办', objectType: 'enterprise' },
  { code: 'tax', name: '纳税缴费', objectType: 'enterprise' },
  { code: 'workforce', name: '人力资源', objectType: 'enterprise' },
  { code: 'healthSafety', name: '卫生健康', objectType: 'enterprise' },
  { code: 'investment', name: '投资建设', objectType: 'enterprise' },
  { code: 'closure', name: '破产注销', objectType: 'enterprise' },
] as const;
export type ThemeCode = (typeof themes)[number]['code'];

export const themeCodes: readonly string[] = themes.map((t) => t.code);
