import { systemApi } from '../api/resources';
import { useAsync } from './useAsync';

export function useSystemInfo() {
  const { data: info, loading, run: reload } = useAsync(() => systemApi.info());
  return { info, loading, reload };
}
