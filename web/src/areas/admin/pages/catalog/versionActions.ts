import { computed, ref } from 'vue';
import type { useItemEditor } from '../../../../composables/useCatalogAdminItem';
import { i18n } from '../../../../i18n';
import { ElMessage } from '../../../../ui/element-plus';
import { confirmChange } from '../org/confirm';

export type EditorAction =
  | 'save'
  | 'validate'
  | 'submit'
  | 'approve'
  | 'reject'
  | 'publish'
  | 'revise'
  | 'suspend'
  | 'resume'
  | 'cancel';

/** The actions that need a written reason (a rejection's comment is required too). */
export type ReasonAction = 'reject' | 'suspend' | 'cancel';

/**
 * What the buttons of an item version do in the UI: ask before the irreversible ones, ask for a reason
 * where one is required, run the editor's call and say how it went. The editor (useItemEditor) does the
 * work; this only talks to the user.
 */
export function useVersionActions(editor: ReturnType<typeof useItemEditor>) {
  const { t } = i18n.global;
  const reasonFor = ref<ReasonAction | null>(null);
  const reasonOpen = computed({
    get: () => reasonFor.value !== null,
    set: (value: boolean) => {
      if (!value) reasonFor.value = null;
    },
  });
  const name = () => editor.guide.value.name || editor.item.value?.name || '';
  const done = (key: string) => ElMessage.success(t(`admin.catalog.actions.${key}Done`));

  async function act(action: EditorAction): Promise<void> {
    switch (action) {
      case 'save':
        if (Object.keys(editor.jsonErrors.value).length) {
          ElMessage.warning(t('admin.catalog.actions.jsonInvalid'));
          return;
        }
        if (await editor.save()) done('save');
        return;
      case 'validate':
        if (await editor.validate()) done('validate');
        return;
      case 'submit':
        if (
          !(await confirmChange(
            t('admin.catalog.actions.submitConfirm', { name: name() }),
            t('admin.catalog.actions.submit'),
          ))
        )
          return;
        if (await editor.submit()) done('submit');
        return;
      case 'approve':
        if (
          !(await confirmChange(
            t('admin.catalog.actions.approveConfirm', { name: name() }),
            t('admin.catalog.actions.approve'),
          ))
        )
          return;
        if (await editor.review({ decision: 'approve' })) done('approve');
        return;
      case 'publish':
        if (
          !(await confirmChange(
            t('admin.catalog.actions.publishConfirm', { name: name() }),
            t('admin.catalog.actions.publish'),
          ))
        )
          return;
        if (await editor.publish()) done('publish');
        return;
      case 'revise':
        if (
          !(await confirmChange(
            t('admin.catalog.actions.reviseConfirm', { name: name() }),
            t('admin.catalog.actions.revise'),
          ))
        )
          return;
        if (await editor.revise()) done('revise');
        return;
      case 'resume':
        if (
          !(await confirmChange(
            t('admin.catalog.actions.resumeConfirm', { name: name() }),
            t('admin.catalog.actions.resume'),
          ))
        )
          return;
        if (await editor.resume()) done('resume');
        return;
      default:
        reasonFor.value = action;
    }
  }

  async function withReason(reason: string): Promise<void> {
    const action = reasonFor.value;
    const result =
      action === 'reject'
        ? await editor.review({ decision: 'reject', comment: reason })
        : action === 'suspend'
          ? await editor.suspend(reason)
          : action === 'cancel'
            ? await editor.cancel(reason)
            : null;
    if (result && action) {
      reasonFor.value = null;
      done(action);
    }
  }

  /** Title, label, warning and button of the reason dialog for the pending action. */
  const reasonDialog = computed(() => {
    const action = reasonFor.value ?? 'reject';
    return {
      title: t(`admin.catalog.reason.${action}Title`, { name: name() }),
      label: t(`admin.catalog.reason.${action}Label`),
      warning: action === 'cancel' ? t('admin.catalog.reason.cancelWarning') : undefined,
      confirm: t(`admin.catalog.actions.${action}`),
      danger: action !== 'reject',
    };
  });

  return { act, reasonOpen, reasonDialog, withReason };
}
