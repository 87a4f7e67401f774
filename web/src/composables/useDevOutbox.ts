import { devApi } from '../api/resources';
import { useCursorPager } from './useCursorPager';

export function useDevOutbox(pageSize = 50) {
  return useCursorPager((cursor) => devApi.outbox(pageSize, cursor));
}
