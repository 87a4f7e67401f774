import { type Ref, ref, shallowRef } from 'vue';

/** Runs a loader, tracking its result, loading state and error. Errors are already shown by the client. */
export function useAsync<T>(loader: () => Promise<T>, options: { immediate?: boolean } = {}) {
  const data = shallowRef<T | null>(null) as Ref<T | null>;
  const loading = ref(false);
  const error = shallowRef<unknown>(null);

  async function run(): Promise<T | null> {
    loading.value = true;
    error.value = null;
    try {
      data.value = await loader();
      return data.value;
    } catch (cause) {
      error.value = cause;
      return null;
    } finally {
      loading.value = false;
    }
  }

  if (options.immediate !== false) void run();
  return { data, loading, error, run };
}
