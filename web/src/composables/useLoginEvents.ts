import { reactive } from 'vue';
import { securityApi } from '../api/resources';
import type { LoginOutcome } from '../api/types';
import { useCursorPager } from './useCursorPager';

/** The sign-in log, filtered by username and outcome; call `reload()` after changing the filter. */
export function useLoginEvents(pageSize = 20) {
  const filter = reactive<{ username: string; outcome: LoginOutcome | null }>({
    username: '',
    outcome: null,
  });
  const pager = useCursorPager((cursor) =>
    securityApi.loginEvents(pageSize, cursor, { username: filter.username.trim(), outcome: filter.outcome }),
  );
  return { filter, ...pager };
}
