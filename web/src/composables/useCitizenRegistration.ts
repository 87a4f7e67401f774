import { ref } from 'vue';
import { fieldErrorsOf } from '../api/client';
import { identityApi } from '../api/resources';
import type { CitizenRegistration, RegisteredCitizen } from '../api/types';

/** Citizen self-registration; `errors` holds the server's field errors keyed like `idNumber`. */
export function useCitizenRegistration() {
  const submitting = ref(false);
  const errors = ref<Record<string, string>>({});

  async function register(registration: CitizenRegistration): Promise<RegisteredCitizen | null> {
    submitting.value = true;
    try {
      const citizen = await identityApi.registerCitizen(registration);
      errors.value = {};
      return citizen;
    } catch (error) {
      errors.value = fieldErrorsOf(error);
      return null;
    } finally {
      submitting.value = false;
    }
  }

  return { submitting, errors, register };
}
