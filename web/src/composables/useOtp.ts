import { computed, onScopeDispose, ref } from 'vue';
import { fieldErrorsOf } from '../api/client';
import { identityApi } from '../api/resources';

/** Sends an SMS sign-in code and counts down until the server allows another one. */
export function useOtp() {
  const sending = ref(false);
  const countdown = ref(0);
  const sent = ref(false);
  const errors = ref<Record<string, string>>({});
  let timer: ReturnType<typeof setInterval> | undefined;

  const canSend = computed(() => !sending.value && countdown.value === 0);

  function stop(): void {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
  }

  function start(seconds: number): void {
    stop();
    countdown.value = Math.max(0, Math.ceil(seconds));
    if (countdown.value === 0) return;
    timer = setInterval(() => {
      countdown.value -= 1;
      if (countdown.value <= 0) stop();
    }, 1000);
  }

  async function send(phone: string): Promise<boolean> {
    if (!canSend.value) return false;
    sending.value = true;
    try {
      const answer = await identityApi.sendOtp(phone);
      errors.value = {};
      sent.value = true;
      start(answer.resendAfterSeconds);
      return true;
    } catch (error) {
      errors.value = fieldErrorsOf(error);
      return false;
    } finally {
      sending.value = false;
    }
  }

  onScopeDispose(stop);
  return { sending, countdown, sent, canSend, errors, send };
}
