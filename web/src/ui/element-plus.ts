/**
 * The single gateway to Element Plus (portal and admin areas only; the mobile area never imports it).
 * Pages import components from here, never from 'element-plus' directly: routing every use through one
 * module keeps Element Plus in a single `element-plus-*.js` chunk (see vite.config.ts).
 */
import 'element-plus/dist/index.css';
import { ElMessage } from 'element-plus/es/components/message/index.mjs';
import en from 'element-plus/es/locale/lang/en';
import zhCn from 'element-plus/es/locale/lang/zh-cn';
import { computed } from 'vue';
import { configureClient } from '../api/client';
import { i18n } from '../i18n';

export {
  ArrowDown,
  ArrowLeft,
  ArrowRight,
  CircleCheck,
  CircleClose,
  Coin,
  Connection,
  CreditCard,
  DocumentChecked,
  Expand,
  FirstAidKit,
  Fold,
  House,
  Iphone,
  Location,
  Lock,
  MapLocation,
  Message,
  Odometer,
  OfficeBuilding,
  Postcard,
  Present,
  Refresh,
  Search,
  Stamp,
  Sunrise,
  SwitchButton,
  Tickets,
  Upload,
  User,
  Van,
  Wallet,
} from '@element-plus/icons-vue';
export type { FormInstance, FormRules } from 'element-plus';
// Deep imports on purpose: the 'element-plus' barrel drags every component into the chunk.
export { ElAlert } from 'element-plus/es/components/alert/index.mjs';
export { ElAvatar } from 'element-plus/es/components/avatar/index.mjs';
export { ElBreadcrumb, ElBreadcrumbItem } from 'element-plus/es/components/breadcrumb/index.mjs';
export { ElButton } from 'element-plus/es/components/button/index.mjs';
export { ElCard } from 'element-plus/es/components/card/index.mjs';
export { ElConfigProvider } from 'element-plus/es/components/config-provider/index.mjs';
export { ElAside, ElContainer, ElHeader, ElMain } from 'element-plus/es/components/container/index.mjs';
export { ElDescriptions, ElDescriptionsItem } from 'element-plus/es/components/descriptions/index.mjs';
export { ElDialog } from 'element-plus/es/components/dialog/index.mjs';
export { ElDropdown, ElDropdownItem, ElDropdownMenu } from 'element-plus/es/components/dropdown/index.mjs';
export { ElEmpty } from 'element-plus/es/components/empty/index.mjs';
export { ElForm, ElFormItem } from 'element-plus/es/components/form/index.mjs';
export { ElIcon } from 'element-plus/es/components/icon/index.mjs';
export { ElInput } from 'element-plus/es/components/input/index.mjs';
export { ElInputNumber } from 'element-plus/es/components/input-number/index.mjs';
export { ElInputTag } from 'element-plus/es/components/input-tag/index.mjs';
export { vLoading } from 'element-plus/es/components/loading/index.mjs';
export { ElMenu, ElMenuItem } from 'element-plus/es/components/menu/index.mjs';
export { ElMessageBox } from 'element-plus/es/components/message-box/index.mjs';
export { ElRadioButton, ElRadioGroup } from 'element-plus/es/components/radio/index.mjs';
export { ElResult } from 'element-plus/es/components/result/index.mjs';
export { ElSegmented } from 'element-plus/es/components/segmented/index.mjs';
export { ElOption, ElSelect } from 'element-plus/es/components/select/index.mjs';
export { ElSkeleton } from 'element-plus/es/components/skeleton/index.mjs';
export { ElTable, ElTableColumn } from 'element-plus/es/components/table/index.mjs';
export { ElTabPane, ElTabs } from 'element-plus/es/components/tabs/index.mjs';
export { ElTag } from 'element-plus/es/components/tag/index.mjs';
export { ElTooltip } from 'element-plus/es/components/tooltip/index.mjs';
export { ElTree } from 'element-plus/es/components/tree/index.mjs';
export { ElMessage };

const packs = { 'zh-CN': zhCn, 'en-US': en } as const;

/** Element Plus locale pack following the UI locale; pass it to `<ElConfigProvider :locale>`. */
export function useElementLocale() {
  return computed(() => packs[i18n.global.locale.value]);
}

/** Route API errors of this area to ElMessage. */
export function useElementNotifier(): void {
  configureClient({
    notify: (message) => {
      ElMessage({ type: 'error', message, grouping: true, showClose: true });
    },
  });
}
