import { i18n } from '../../../../../i18n';
import { ElMessage } from '../../../../../ui/element-plus';

/** Copies text to the clipboard and says whether it worked. */
export async function copyText(text: string): Promise<void> {
  const { t } = i18n.global;
  try {
    await navigator.clipboard.writeText(text);
    ElMessage.success(t('admin.sso.copied'));
  } catch {
    ElMessage.warning(t('admin.sso.copyFailed'));
  }
}
