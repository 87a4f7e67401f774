import { ref } from 'vue';
import { ApiError, fieldErrorsOf } from '../api/client';
import { identityApi } from '../api/resources';
import type { ChangePasswordRequest, CurrentUser } from '../api/types';

const TITLE_FIELDS: Record<string, string> = {
  PASSWORD_CURRENT_WRONG: 'currentPassword',
  PASSWORD_REUSED: 'newPassword',
};

/** Changes the signed-in user's password; `errors` holds the server's field errors (`currentPassword`, `newPassword`). */
export function useChangePassword() {
  const submitting = ref(false);
  const errors = ref<Record<string, string>>({});

  async function change(request: ChangePasswordRequest): Promise<CurrentUser | null> {
    submitting.value = true;
    errors.value = {};
    try {
      return await identityApi.changePassword(request);
    } catch (error) {
      errors.value = fieldErrorsOf(error);
      // for these the localized title says it best, next to the one field it concerns
      const field = error instanceof ApiError ? TITLE_FIELDS[error.problem.code ?? ''] : undefined;
      if (field && error instanceof ApiError) errors.value[field] = error.problem.title;
      return null;
    } finally {
      submitting.value = false;
    }
  }

  return { submitting, errors, change };
}
