import { type FormSchema, validateFormData } from '../../shared/catalog/forms.js';
import {
  applicableElements,
  evaluateSituation,
  type SituationAnswers,
  type SituationTree,
} from '../../shared/catalog/situations.js';
import { formSectionElements } from './form-refs.js';
import type { Fee, ItemGuide } from './guide-schema.js';
import type { GuideService } from './guide-service.js';
import type { SituationEvaluation } from './public-schema.js';

/**
 * 情形引导 on the server: the same pure functions the portal runs (shared/catalog/situations.ts) over the
 * published version's tree; the server's answer is the authoritative one.
 */
export class SituationService {
  constructor(private readonly guides: GuideService) {}

  async evaluate(idOrCode: string, answers: Record<string, unknown>): Promise<SituationEvaluation> {
    const { version } = await this.guides.live(idOrCode);
    return { versionId: version.id, ...applicable(version.guide, answers) };
  }

  /**
   * Checks a filled-in application form on the server with the validator the browser runs: only the
   * sections the answers select apply, and the questionnaire must be complete.
   */
  async checkForm(idOrCode: string, answers: Record<string, unknown>, data: Record<string, unknown>) {
    const { version } = await this.guides.live(idOrCode);
    const outcome = applicable(version.guide, answers);
    const form = (version.guide.form as FormSchema | undefined) ?? NO_FORM;
    const problems = [
      ...outcome.problems,
      ...(outcome.complete || outcome.problems.length
        ? []
        : [
            {
              path: `answers.${outcome.nextQuestion ?? ''}`,
              code: 'SITUATION_INCOMPLETE',
              message: 'answer the questionnaire first',
            },
          ]),
      ...validateFormData(form, data, { sections: outcome.formSections }),
    ];
    return {
      versionId: version.id,
      valid: problems.length === 0,
      formSections: outcome.formSections,
      problems,
    };
  }
}

const NO_FORM: FormSchema = { type: 'object', properties: {} };

/** What a guide needs for these answers; without a situation tree, everything not conditional. */
export function applicable(guide: ItemGuide, answers: Record<string, unknown>) {
  const tree = guide.situations as SituationTree | null | undefined;
  const outcome = tree
    ? evaluateSituation(tree, answers as SituationAnswers)
    : {
        complete: true,
        nextQuestion: null,
        path: [],
        answers: {},
        problems: [],
        selected: { materials: [], formSections: [], fees: [] },
      };
  const materials = applicableElements(guide.materials ?? [], outcome.selected.materials);
  const fees = applicableElements(
    (guide.fees ?? []).map((fee) => ({ ...fee, requirement: fee.requirement ?? 'required' })),
    outcome.selected.fees,
  );
  const sections = applicableElements(formSectionElements(guide.form, tree), outcome.selected.formSections);
  const question = tree?.questions.find((q) => q.id === outcome.nextQuestion) ?? null;
  return {
    complete: outcome.complete,
    nextQuestion: outcome.nextQuestion,
    question: question && {
      id: question.id,
      text: question.text,
      multiple: question.multiple ?? false,
      options: question.options.map((o) => ({ value: o.value, label: o.label })),
    },
    path: outcome.path,
    answers: outcome.answers,
    problems: outcome.problems,
    materials: materials.map((m) => ({ ...m, reusableLicence: m.source === 'licence' })),
    formSections: sections.map((s) => s.key),
    fees: fees as Fee[],
    totalFeeFen: fees.reduce((sum, fee) => sum + fee.amountFen, 0),
  };
}
