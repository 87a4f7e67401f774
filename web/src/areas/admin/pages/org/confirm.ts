import { i18n } from '../../../../i18n';
import { ElMessageBox } from '../../../../ui/element-plus';

/** Asks before a change; resolves to whether the user confirmed. */
export function confirmChange(
  message: string,
  title: string,
  options: { confirm?: string; danger?: boolean } = {},
): Promise<boolean> {
  const { t } = i18n.global;
  return ElMessageBox.confirm(message, title, {
    type: 'warning',
    confirmButtonText: options.confirm ?? t('common.confirm'),
    cancelButtonText: t('common.cancel'),
    confirmButtonClass: options.danger ? 'el-button--danger' : undefined,
  }).then(
    () => true,
    () => false,
  );
}

/** Tells why the server refused a change (the problem title) and what to do about it. */
export async function explainRefusal(title: string, message: string): Promise<void> {
  const { t } = i18n.global;
  await ElMessageBox.alert(message, title, { type: 'error', confirmButtonText: t('common.confirm') }).catch(
    () => undefined,
  );
}
