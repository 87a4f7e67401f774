/**
 * The single gateway to Vant (mobile area only). Mobile pages import components from here, never from
 * 'vant' directly, which keeps Vant in one `vant-*.js` chunk (see vite.config.ts).
 */
import 'vant/lib/index.css';
import { Locale } from 'vant/es/locale';
import enUS from 'vant/es/locale/lang/en-US';
import zhCN from 'vant/es/locale/lang/zh-CN';
import { showToast } from 'vant/es/toast';
import { watchEffect } from 'vue';
import { configureClient } from '../api/client';
import { i18n } from '../i18n';

// Deep imports on purpose: the 'vant' barrel drags every component into the chunk.
export { ActionBar } from 'vant/es/action-bar';
export { ActionBarButton } from 'vant/es/action-bar-button';
export { ActionBarIcon } from 'vant/es/action-bar-icon';
export { ActionSheet, type ActionSheetAction } from 'vant/es/action-sheet';
export { Button } from 'vant/es/button';
export { Cascader, type CascaderOption } from 'vant/es/cascader';
export { Cell } from 'vant/es/cell';
export { CellGroup } from 'vant/es/cell-group';
export { Checkbox } from 'vant/es/checkbox';
export { CheckboxGroup } from 'vant/es/checkbox-group';
export { Collapse } from 'vant/es/collapse';
export { CollapseItem } from 'vant/es/collapse-item';
export { DatePicker } from 'vant/es/date-picker';
export { Divider } from 'vant/es/divider';
export { DropdownItem } from 'vant/es/dropdown-item';
export { DropdownMenu } from 'vant/es/dropdown-menu';
export { Empty } from 'vant/es/empty';
export { Field } from 'vant/es/field';
export { Grid } from 'vant/es/grid';
export { GridItem } from 'vant/es/grid-item';
export { Highlight } from 'vant/es/highlight';
export { Icon } from 'vant/es/icon';
export { List } from 'vant/es/list';
export { Loading } from 'vant/es/loading';
export { NavBar } from 'vant/es/nav-bar';
export { NoticeBar } from 'vant/es/notice-bar';
export { Picker, type PickerOption } from 'vant/es/picker';
export { Popup } from 'vant/es/popup';
export { Radio } from 'vant/es/radio';
export { RadioGroup } from 'vant/es/radio-group';
export { Search } from 'vant/es/search';
export { Skeleton } from 'vant/es/skeleton';
export { Step } from 'vant/es/step';
export { Stepper } from 'vant/es/stepper';
export { Steps } from 'vant/es/steps';
export { Sticky } from 'vant/es/sticky';
export { Tab } from 'vant/es/tab';
export { Tabbar } from 'vant/es/tabbar';
export { TabbarItem } from 'vant/es/tabbar-item';
export { Tabs } from 'vant/es/tabs';
export { Tag } from 'vant/es/tag';
export { showToast };

const packs = { 'zh-CN': zhCN, 'en-US': enUS } as const;

/** Keeps the Vant locale pack in step with the UI locale and routes API errors to a toast. */
export function useVantSetup(): void {
  watchEffect(() => {
    const locale = i18n.global.locale.value;
    Locale.use(locale, packs[locale]);
  });
  configureClient({ notify: (message) => void showToast({ message, position: 'middle' }) });
}

// The applicant's case pages (在线申报, 我的办件).
export { Dialog, showConfirmDialog } from 'vant/es/dialog';
export { showFailToast, showSuccessToast } from 'vant/es/toast';
export { Uploader, type UploaderFileListItem } from 'vant/es/uploader';
