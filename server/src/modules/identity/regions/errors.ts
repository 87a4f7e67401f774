import { defineErrors } from '../../../platform/http/errors.js';

export const RegionErrors = defineErrors({
  REGION_NOT_FOUND: {
    status: 404,
    'zh-CN': '行政区划不存在',
    'en-US': 'No such region',
  },
});
