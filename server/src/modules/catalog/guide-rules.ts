import type { RuleProblem } from '../../shared/catalog/problems.js';
import { type SituationTree, validateSituationTree } from '../../shared/catalog/situations.js';
import { formFieldKeys, formSectionKeys, validateForm } from './form-refs.js';
import type { ItemGuide } from './guide-schema.js';
import { validateRuleSet } from './instant-rules.js';
import { themes } from './vocabulary.js';

/**
 * Whether a guide may be submitted and published: every mandatory element present, the numbers
 * consistent, keys unique, the form, the situation tree and a 秒批 rule set valid. Returns every
 * problem (path relative to the guide, e.g. `materials.2.licenceTypeCode`), never just the first.
 */
export function checkGuide(guide: ItemGuide): RuleProblem[] {
  const problems: RuleProblem[] = [];
  const add = (path: string, code: string, message: string) => problems.push({ path, code, message });
  const need = (path: keyof ItemGuide, label: string) => {
    const value = guide[path];
    const empty = value === undefined || (typeof value === 'string' && value.trim() === '');
    if (empty) add(path, 'MISSING', `${label} is missing`);
  };
  need('name', '事项名称 name');
  need('implementingBody', '实施主体 implementingBody');
  need('objectType', '服务对象 objectType');
  need('handlingType', '办件类型 handlingType');
  need('statutoryDays', '法定时限 statutoryDays');
  need('committedDays', '承诺时限 committedDays');
  need('conditions', '受理条件 conditions');
  need('charged', '是否收费 charged');
  need('visits', '跑动次数 visits');
  need('onlineDepth', '网办深度 onlineDepth');
  need('appointment', '预约办理 appointment');
  need('delivery', '物流快递 delivery');
  need('hallRequired', '必须到现场 hallRequired');
  need('result', '审批结果 result');
  need('mode', '办理模式 mode');
  checkTimeLimits(guide, add);
  const materialKeys = checkKeyed(guide.materials ?? [], 'materials', add);
  if (!guide.materials?.length) add('materials', 'MISSING', '申请材料 materials: at least one');
  guide.materials?.forEach((m, i) => {
    if (m.source === 'licence' && !m.licenceTypeCode)
      add(
        `materials.${i}.licenceTypeCode`,
        'MISSING',
        'a reusable e-licence material names its licence type',
      );
    if (m.media !== 'electronic' && m.copies < 1)
      add(`materials.${i}.copies`, 'INVALID', 'a paper material needs at least one copy');
    if (m.media !== 'paper' && m.fileTypes.length === 0)
      add(`materials.${i}.fileTypes`, 'MISSING', 'an electronic material lists its accepted file types');
    if (m.requirement === 'conditional' && !guide.situations)
      add(`materials.${i}.requirement`, 'INVALID', 'a conditional material needs situations that select it');
  });
  if (!guide.steps?.length) add('steps', 'MISSING', '办理流程 steps: at least one');
  const feeKeys = checkKeyed(guide.fees ?? [], 'fees', add);
  if (guide.charged === true && !guide.fees?.length) add('fees', 'MISSING', 'a charged item lists its fees');
  if (guide.charged === false && guide.fees?.length) add('fees', 'INVALID', 'a free item has no fees');
  guide.fees?.forEach((f, i) => {
    if (f.requirement === 'conditional' && !guide.situations)
      add(`fees.${i}.requirement`, 'INVALID', 'a conditional fee needs situations that select it');
  });
  if ((guide.visits ?? 0) > 0 || guide.hallRequired) {
    if (!guide.places?.length) add('places', 'MISSING', '办理地点 places: where applicants go');
  }
  if (guide.hallRequired && guide.visits === 0)
    add('visits', 'INVALID', 'an item that must be handled in the hall needs at least one visit');
  if (guide.result?.type === 'licence' && !guide.result.licenceTypeCode)
    add('result.licenceTypeCode', 'MISSING', 'a licence result names its licence type');
  if (!guide.consultation?.length) add('consultation', 'MISSING', '咨询方式 consultation: at least one');
  if (!guide.complaint?.length) add('complaint', 'MISSING', '投诉方式 complaint: at least one');
  checkThemes(guide, add);
  const form = guide.form ?? null;
  const formProblems = form == null ? [] : validateForm(form);
  problems.push(...formProblems);
  const formUsable = form != null && formProblems.length === 0;
  if ((guide.onlineDepth ?? 0) >= 3 && form == null)
    add('form', 'MISSING', 'online application (depth 三级 or 四级) needs a form');
  checkMode(guide, formUsable ? formFieldKeys(form) : null, add);
  if (guide.situations != null) {
    const refs = {
      materials: materialKeys,
      formSections: formUsable ? formSectionKeys(form) : [],
      fees: feeKeys,
    };
    // paths come prefixed with `situations`; the validator checks the untrusted tree's shape itself
    problems.push(...validateSituationTree(guide.situations as SituationTree, refs));
  }
  return problems;
}

type Add = (path: string, code: string, message: string) => void;

function checkTimeLimits(guide: ItemGuide, add: Add) {
  const { handlingType, statutoryDays, committedDays } = guide;
  if (statutoryDays === undefined || committedDays === undefined) return;
  if (handlingType === 'promised') {
    if (statutoryDays < 1)
      add('statutoryDays', 'INVALID', '承诺件 needs a statutory time limit of at least 1 day');
    if (committedDays < 1)
      add('committedDays', 'INVALID', '承诺件 needs a committed time limit of at least 1 day');
  }
  if (committedDays > statutoryDays)
    add('committedDays', 'INVALID', 'the committed time limit cannot exceed the statutory one');
}

/** Keys unique within a list; returns them. */
function checkKeyed(list: readonly { key: string }[], path: string, add: Add): string[] {
  const seen = new Set<string>();
  list.forEach((entry, i) => {
    if (seen.has(entry.key)) add(`${path}.${i}.key`, 'DUPLICATE', `key ${entry.key} is used twice`);
    seen.add(entry.key);
  });
  return [...seen];
}

function checkThemes(guide: ItemGuide, add: Add) {
  (guide.themes ?? []).forEach((code, i) => {
    const theme = themes.find((t) => t.code === code);
    if (!theme) add(`themes.${i}`, 'UNKNOWN', `no theme ${code}`);
    else if (guide.objectType && guide.objectType !== 'both' && theme.objectType !== guide.objectType)
      add(`themes.${i}`, 'INVALID', `theme ${code} is for ${theme.objectType} items`);
  });
}

function checkMode(guide: ItemGuide, formFields: readonly string[] | null, add: Add) {
  const mode = guide.mode;
  if (mode?.kind === 'commitment') {
    if (!mode.commitmentText.trim())
      add('mode.commitmentText', 'MISSING', '告知承诺 needs the text of the commitment');
    if (mode.publicationDays < 1)
      add('mode.publicationDays', 'INVALID', '告知承诺 commitments are published for at least 1 day');
  }
  if (mode?.kind === 'instant') {
    if (guide.form == null) add('form', 'MISSING', '秒批 rules read the form: the item needs one');
    for (const p of validateRuleSet(mode.rules, formFields)) add(p.path, p.code, p.message);
  }
}
