import { defineErrors } from '../http/errors.js';

/** Error codes of file storage (文件存储). */
export const FileErrors = defineErrors({
  FILE_NOT_FOUND: { status: 404, 'zh-CN': '文件不存在', 'en-US': 'No such file' },
  FILE_EMPTY: { status: 400, 'zh-CN': '文件为空', 'en-US': 'The file is empty' },
  FILE_NAME_INVALID: {
    status: 400,
    'zh-CN': '文件名不合法',
    'en-US': 'The file name is empty or invalid',
  },
  FILE_TOO_LARGE: {
    status: 413,
    'zh-CN': '文件大小超过上限',
    'en-US': 'The file is larger than allowed',
  },
  FILE_TYPE_NOT_ALLOWED: {
    status: 415,
    'zh-CN': '不支持的文件类型，或文件内容与扩展名不符',
    'en-US': 'The file type is not accepted, or the content does not match the file extension',
  },
  FILE_INFECTED: {
    status: 422,
    'zh-CN': '文件未通过病毒查杀，已拒绝',
    'en-US': 'The file failed the virus scan and was refused',
  },
  FILE_INTEGRITY_FAILED: {
    status: 500,
    'zh-CN': '文件完整性校验失败，文件可能已被篡改',
    'en-US': 'The stored file failed its integrity check and may have been tampered with',
  },
});
