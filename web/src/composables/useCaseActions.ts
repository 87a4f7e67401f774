import { type Ref, ref } from 'vue';
import { type CaseActionName, type CaseView, casesApi } from '../api/cases';
import { ApiError, fieldErrorsOf } from '../api/client';

/** The actions that move a case forward (primary buttons) and those that end or refuse it (danger). */
const PRIMARY: ReadonlySet<string> = new Set(['accept', 'approve', 'issue', 'close']);
const DANGER: ReadonlySet<string> = new Set(['reject', 'deny', 'terminate']);

/** Button order on the action bar: deciding first, then handing on, the rest, and ending last. */
const ORDER: readonly CaseActionName[] = [
  'claim',
  'accept',
  'approve',
  'issue',
  'close',
  'preReview',
  'requestSupplement',
  'sendBack',
  'suspend',
  'resume',
  'transfer',
  'delegate',
  'returnDelegation',
  'addSigner',
  'recall',
  'supplement',
  'cc',
  'comment',
  'withdraw',
  'reject',
  'deny',
  'terminate',
];

export interface ActionButton {
  action: CaseActionName;
  type: 'primary' | 'danger' | 'default';
}

/** The buttons of the case page: exactly the actions the server offers this user now, in a fixed order. */
export function actionButtons(actions: readonly string[]): ActionButton[] {
  return ORDER.filter((action) => actions.includes(action)).map((action) => ({
    action,
    type: PRIMARY.has(action) ? 'primary' : DANGER.has(action) ? 'danger' : 'default',
  }));
}

/** Actions whose dialog requires the comment box to be filled in (the server refuses them otherwise). */
export const COMMENT_REQUIRED: ReadonlySet<string> = new Set(['deny', 'comment', 'sendBack']);

/** Refusals after which the case on screen is out of date: say why and load it again. */
const RELOAD_CODES: ReadonlySet<string> = new Set([
  'CASE_ILLEGAL_TRANSITION',
  'CASE_TASK_TAKEN',
  'CASE_STALE',
  'CASE_FORBIDDEN',
  'CASE_SUPPLEMENT_EXPIRED',
]);

/** A fresh key per click: the same click retried is applied once (also outside secure contexts). */
export function idempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export interface ActionInput {
  comment?: string;
  payload?: Record<string, unknown>;
}

export type ActionOutcome =
  | { ok: true; view: CaseView }
  /** `reloaded`: the case changed under the user (the dialog should close). */
  | { ok: false; reloaded: boolean };

/**
 * 办理 — takes one action on the case on screen: sends the `seq` it was loaded at (409 CASE_STALE when
 * someone else acted since) and a fresh idempotency key. Conflicts and 403 show the server's title and
 * reload the case; validation problems (400, 422 CASE_ASSIGNEE_INVALID, CASE_INCOMPLETE) stay in `errors`,
 * keyed like `payload.to` or `comment`, for the dialog.
 */
export function useCaseActions(
  view: Ref<CaseView | null>,
  hooks: {
    done: (next: CaseView) => void;
    reload: () => Promise<void>;
    notify: (message: string, kind: 'error' | 'warning') => void;
  },
) {
  const busy = ref(false);
  const errors = ref<Record<string, string>>({});

  async function run(action: CaseActionName, input: ActionInput = {}): Promise<ActionOutcome> {
    const current = view.value;
    if (!current || busy.value) return { ok: false, reloaded: false };
    busy.value = true;
    errors.value = {};
    try {
      const next = await casesApi.act(
        current.id,
        {
          action,
          comment: input.comment?.trim() || undefined,
          payload: input.payload,
          expectedSeq: current.seq,
        },
        { idempotencyKey: idempotencyKey() },
      );
      hooks.done(next);
      return { ok: true, view: next };
    } catch (error) {
      if (!(error instanceof ApiError)) {
        hooks.notify(String(error), 'error');
        return { ok: false, reloaded: false };
      }
      if (RELOAD_CODES.has(error.problem.code)) {
        hooks.notify(error.problem.title, 'warning');
        await hooks.reload();
        return { ok: false, reloaded: true };
      }
      const fields = fieldErrorsOf(error);
      // the server names refused people by id, in English: the title says it in the user's language
      errors.value =
        error.problem.code === 'CASE_ASSIGNEE_INVALID'
          ? Object.fromEntries(Object.keys(fields).map((key) => [key, error.problem.title]))
          : fields;
      hooks.notify(error.problem.title, 'error');
      return { ok: false, reloaded: false };
    } finally {
      busy.value = false;
    }
  }

  return { busy, errors, run, clearErrors: () => (errors.value = {}) };
}
