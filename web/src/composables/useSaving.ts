import { ref } from 'vue';
import { fieldErrorsOf } from '../api/client';

/**
 * Runs the writes of a form: `saving` while one runs, and the server's field errors of the last failed
 * one (keyed like `name` or `roleIds.0`). A failed write resolves to null; the client already showed
 * the problem title.
 */
export function useSaving() {
  const saving = ref(false);
  const errors = ref<Record<string, string>>({});

  async function save<T>(work: () => Promise<T>): Promise<T | null> {
    saving.value = true;
    try {
      const result = await work();
      errors.value = {};
      return result;
    } catch (error) {
      errors.value = fieldErrorsOf(error);
      return null;
    } finally {
      saving.value = false;
    }
  }

  return { saving, errors, save };
}
