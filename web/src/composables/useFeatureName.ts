import { computed } from 'vue';
import { useI18n } from 'vue-i18n';
import { useRoute } from 'vue-router';

/** Display name of the placeholder feature in the current `:feature` route param. */
export function useFeatureName() {
  const { t, te } = useI18n();
  const route = useRoute();
  return computed(() => {
    const key = String(route.params.feature ?? '');
    if (te(`features.${key}`)) return t(`features.${key}`);
    if (te(`services.${key}`)) return t(`services.${key}`);
    return t('features.services');
  });
}
