import jsonLogic from 'json-logic-js';
import { fileMatchesTypes } from '../../platform/storage/file-types.js';
import { type FormSchema, validateFormData } from '../../shared/catalog/forms.js';
import type { RuleProblem } from '../../shared/catalog/problems.js';
import type { ItemGuide, Material } from '../catalog/guide-schema.js';
import { applicable } from '../catalog/situation-service.js';
import type { MaterialRef } from './domain/actions.js';

/** What the case engine knows of an uploaded file. */
export interface FileFacts {
  ownerUserId: string | null;
  extension: string;
  mediaType: string;
  sizeBytes: number;
}

const NO_FORM: FormSchema = { type: 'object', properties: {} };

/** The materials an applicant must upload for these answers: required (or selected) and electronic. */
export function materialsToUpload(guide: ItemGuide, answers: Record<string, unknown>): Material[] {
  return applicable(guide, answers).materials.filter(
    (m) => m.requirement !== 'optional' && m.media !== 'paper' && m.source === 'applicant',
  );
}

/**
 * Every problem of an application before it is submitted: the questionnaire incomplete, form fields
 * missing or wrong (each named), required materials missing, materials the guide does not ask for, files
 * that are not the uploader's, of a type the material does not accept or over its size limit.
 */
export function checkApplication(
  guide: ItemGuide,
  input: { answers: Record<string, unknown>; formData: Record<string, unknown>; materials: MaterialRef[] },
  files: ReadonlyMap<string, FileFacts>,
  /** Whether this file may be attached: the caller's own upload, or one the case already holds. */
  mayUse: (fileId: string, file: FileFacts) => boolean,
): RuleProblem[] {
  const outcome = applicable(guide, input.answers);
  const problems: RuleProblem[] = [
    ...outcome.problems.map((p) => ({ ...p, path: `situationAnswers.${p.path}` })),
  ];
  if (!outcome.complete && outcome.problems.length === 0)
    problems.push({
      path: `situationAnswers.${outcome.nextQuestion ?? ''}`,
      code: 'SITUATION_INCOMPLETE',
      message: '请先回答情形引导问题',
    });
  const form = (guide.form as FormSchema | null | undefined) ?? NO_FORM;
  for (const p of validateFormData(form, input.formData, {
    sections: outcome.formSections,
    path: 'formData',
  }))
    problems.push(p);
  const byKey = new Map(outcome.materials.map((m) => [m.key, m]));
  const given = new Set<string>();
  input.materials.forEach((ref, i) => {
    const at = `materials.${i}`;
    const material = byKey.get(ref.materialKey);
    if (!material) {
      problems.push({
        path: `${at}.materialId`,
        code: 'UNKNOWN',
        message: `本事项不需要材料 ${ref.materialKey}`,
      });
      return;
    }
    given.add(ref.materialKey);
    const file = files.get(ref.fileId);
    if (!file || !mayUse(ref.fileId, file)) {
      problems.push({ path: `${at}.fileId`, code: 'NOT_FOUND', message: '找不到上传的文件' });
      return;
    }
    if (!fileMatchesTypes(file, material.fileTypes))
      problems.push({
        path: `${at}.fileId`,
        code: 'FILE_TYPE',
        message: `${material.name}只接受 ${material.fileTypes.join('、')} 格式，不能是 ${file.extension}`,
      });
    if (file.sizeBytes > material.maxSizeKb * 1024)
      problems.push({
        path: `${at}.fileId`,
        code: 'FILE_SIZE',
        message: `${material.name}每个文件不超过 ${material.maxSizeKb} KB`,
      });
  });
  for (const material of materialsToUpload(guide, input.answers))
    if (!given.has(material.key))
      problems.push({
        path: `materials.${material.key}`,
        code: 'REQUIRED',
        message: `请上传${material.name}`,
      });
  return problems;
}

/**
 * 秒批: the item's rule set over `{ form, verified, applicant }`. A top-level `and` is judged rule by rule so
 * the failed ones can be recorded (for the reviewer who takes the case over); any other rule is one rule.
 */
export function runInstantRules(
  rules: unknown,
  data: Record<string, unknown>,
): { passed: boolean; failedRules: string[] } {
  const list =
    rules &&
    typeof rules === 'object' &&
    !Array.isArray(rules) &&
    Array.isArray((rules as { and?: unknown }).and)
      ? ((rules as { and: unknown[] }).and as unknown[])
      : [rules];
  const failedRules: string[] = [];
  list.forEach((rule, i) => {
    let ok = false;
    try {
      ok = jsonLogic.apply(rule as jsonLogic.RulesLogic, data) === true;
    } catch {
      ok = false;
    }
    if (!ok) failedRules.push(`#${i + 1} ${JSON.stringify(rule).slice(0, 200)}`);
  });
  return { passed: failedRules.length === 0, failedRules };
}
