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
  ArrowUp,
  Bell,
  Bottom,
  Box,
  Briefcase,
  ChatDotRound,
  CircleCheck,
  CircleCheckFilled,
  CircleClose,
  CircleCloseFilled,
  Clock,
  Close,
  Coin,
  Collection,
  Connection,
  CopyDocument,
  CreditCard,
  Delete,
  Document,
  DocumentAdd,
  DocumentChecked,
  Download,
  Edit,
  Expand,
  Files,
  Filter,
  Finished,
  FirstAidKit,
  Flag,
  Fold,
  FolderAdd,
  Guide,
  Histogram,
  House,
  InfoFilled,
  Iphone,
  Key,
  Location,
  Lock,
  MagicStick,
  MapLocation,
  Medal,
  Memo,
  Message,
  Notebook,
  Odometer,
  OfficeBuilding,
  Opportunity,
  Paperclip,
  Phone,
  Picture,
  Place,
  Plus,
  Postcard,
  Present,
  Printer,
  Promotion,
  QuestionFilled,
  Rank,
  Reading,
  Refresh,
  School,
  Search,
  Setting,
  Shop,
  Stamp,
  Suitcase,
  Sunrise,
  Switch,
  SwitchButton,
  Tickets,
  Timer,
  Top,
  Upload,
  User,
  UserFilled,
  Van,
  VideoPause,
  VideoPlay,
  View,
  Wallet,
  Warning,
  WarningFilled,
} from '@element-plus/icons-vue';
export type { FormInstance, FormRules, MenuInstance, TreeInstance } from 'element-plus';
// Deep imports on purpose: the 'element-plus' barrel drags every component into the chunk.
export { ElAlert } from 'element-plus/es/components/alert/index.mjs';
export { ElAvatar } from 'element-plus/es/components/avatar/index.mjs';
export { ElBreadcrumb, ElBreadcrumbItem } from 'element-plus/es/components/breadcrumb/index.mjs';
export { ElButton } from 'element-plus/es/components/button/index.mjs';
export { ElCard } from 'element-plus/es/components/card/index.mjs';
export { ElCascader } from 'element-plus/es/components/cascader/index.mjs';
export { ElCascaderPanel } from 'element-plus/es/components/cascader-panel/index.mjs';
export { ElCheckbox, ElCheckboxGroup } from 'element-plus/es/components/checkbox/index.mjs';
export { ElCollapse, ElCollapseItem } from 'element-plus/es/components/collapse/index.mjs';
export { ElConfigProvider } from 'element-plus/es/components/config-provider/index.mjs';
export { ElAside, ElContainer, ElHeader, ElMain } from 'element-plus/es/components/container/index.mjs';
export { ElDatePicker } from 'element-plus/es/components/date-picker/index.mjs';
export { ElDescriptions, ElDescriptionsItem } from 'element-plus/es/components/descriptions/index.mjs';
export { ElDialog } from 'element-plus/es/components/dialog/index.mjs';
export { ElDivider } from 'element-plus/es/components/divider/index.mjs';
export { ElDropdown, ElDropdownItem, ElDropdownMenu } from 'element-plus/es/components/dropdown/index.mjs';
export { ElEmpty } from 'element-plus/es/components/empty/index.mjs';
export { ElForm, ElFormItem } from 'element-plus/es/components/form/index.mjs';
export { ElIcon } from 'element-plus/es/components/icon/index.mjs';
export { ElInput } from 'element-plus/es/components/input/index.mjs';
export { ElInputNumber } from 'element-plus/es/components/input-number/index.mjs';
export { ElInputTag } from 'element-plus/es/components/input-tag/index.mjs';
export { vLoading } from 'element-plus/es/components/loading/index.mjs';
export { ElMenu, ElMenuItem, ElSubMenu } from 'element-plus/es/components/menu/index.mjs';
export { ElMessageBox } from 'element-plus/es/components/message-box/index.mjs';
export { ElPopover } from 'element-plus/es/components/popover/index.mjs';
export { ElRadio, ElRadioButton, ElRadioGroup } from 'element-plus/es/components/radio/index.mjs';
export { ElResult } from 'element-plus/es/components/result/index.mjs';
export { ElSegmented } from 'element-plus/es/components/segmented/index.mjs';
export { ElOption, ElSelect } from 'element-plus/es/components/select/index.mjs';
export { ElSkeleton } from 'element-plus/es/components/skeleton/index.mjs';
export { ElStep, ElSteps } from 'element-plus/es/components/steps/index.mjs';
export { ElSwitch } from 'element-plus/es/components/switch/index.mjs';
export { ElTable, ElTableColumn } from 'element-plus/es/components/table/index.mjs';
export { ElTabPane, ElTabs } from 'element-plus/es/components/tabs/index.mjs';
export { ElTag } from 'element-plus/es/components/tag/index.mjs';
export { ElTimeline, ElTimelineItem } from 'element-plus/es/components/timeline/index.mjs';
export { ElTooltip } from 'element-plus/es/components/tooltip/index.mjs';
export { ElTree } from 'element-plus/es/components/tree/index.mjs';
export { ElTreeSelect } from 'element-plus/es/components/tree-select/index.mjs';
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

// Icons of the applicant's case pages (在线申报, 我的办件).
export { Loading, RefreshLeft } from '@element-plus/icons-vue';
