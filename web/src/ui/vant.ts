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
export { ActionSheet, type ActionSheetAction } from 'vant/es/action-sheet';
export { Button } from 'vant/es/button';
export { Empty } from 'vant/es/empty';
export { Grid } from 'vant/es/grid';
export { GridItem } from 'vant/es/grid-item';
export { Icon } from 'vant/es/icon';
export { NavBar } from 'vant/es/nav-bar';
export { NoticeBar } from 'vant/es/notice-bar';
export { Search } from 'vant/es/search';
export { Tabbar } from 'vant/es/tabbar';
export { TabbarItem } from 'vant/es/tabbar-item';
export { Tag } from 'vant/es/tag';

const packs = { 'zh-CN': zhCN, 'en-US': enUS } as const;

/** Keeps the Vant locale pack in step with the UI locale and routes API errors to a toast. */
export function useVantSetup(): void {
  watchEffect(() => {
    const locale = i18n.global.locale.value;
    Locale.use(locale, packs[locale]);
  });
  configureClient({ notify: (message) => void showToast({ message, position: 'middle' }) });
}
