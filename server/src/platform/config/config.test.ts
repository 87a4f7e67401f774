import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('has the documented defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: null,
      redisUrl: null,
      demo: true,
      environment: 'development',
      publicUrl: 'http://localhost:8080',
      fileMaxBytes: 20 * 1024 * 1024,
      caseNearDuePercent: 80,
      caseSupplementDays: 5,
    });
    expect(config.dataDir).toMatch(/\/data$/);
  });

  it('reads the documented variables', () => {
    const config = loadConfig({
      PORT: '9000',
      DATA_DIR: '/var/lib/tongban',
      DATABASE_URL: 'postgres://u:p@db:5432/tongban',
      REDIS_URL: 'redis://cache:6379',
      TONGBAN_ADMIN_PASSWORD: 'S3cret!pass',
      TONGBAN_DEMO: '0',
      PUBLIC_URL: 'https://tongban.example.gov.cn:8443/',
      FILE_MAX_BYTES: '52428800',
      CASE_NEAR_DUE_PERCENT: '75',
      CASE_SUPPLEMENT_DAYS: '10',
    });
    expect(config).toMatchObject({
      publicUrl: 'https://tongban.example.gov.cn:8443',
      port: 9000,
      dataDir: '/var/lib/tongban',
      databaseUrl: 'postgres://u:p@db:5432/tongban',
      redisUrl: 'redis://cache:6379',
      adminPassword: 'S3cret!pass',
      demo: false,
      fileMaxBytes: 50 * 1024 * 1024,
      caseNearDuePercent: 75,
      caseSupplementDays: 10,
    });
  });

  it.each([
    ['PORT', 'eighty', /PORT must be a whole number/],
    ['PORT', '70000', /PORT must be between 0 and 65535/],
    ['DATABASE_URL', 'mysql://localhost/x', /DATABASE_URL must start with postgres:\/\//],
    ['DATABASE_URL', 'not a url', /DATABASE_URL is not a valid URL/],
    ['REDIS_URL', 'http://localhost', /REDIS_URL must start with redis:\/\//],
    ['TONGBAN_DEMO', 'maybe', /TONGBAN_DEMO must be 1 or 0/],
    ['NODE_ENV', 'staging', /NODE_ENV must be one of development, test, production/],
    ['PUBLIC_URL', 'ftp://tongban.example.gov.cn', /PUBLIC_URL must start with http:\/\/ or https:\/\//],
    ['PUBLIC_URL', 'https://tongban.example.gov.cn/?a=1', /PUBLIC_URL must be an origin/],
    ['PUBLIC_URL', 'https://tongban.example.gov.cn/portal', /PUBLIC_URL must be an origin/],
    ['TONGBAN_MASTER_KEY', 'abc', /TONGBAN_MASTER_KEY must be 64 hexadecimal characters/],
    ['FILE_MAX_BYTES', '20M', /FILE_MAX_BYTES must be a whole number/],
    ['FILE_MAX_BYTES', '209715200', /FILE_MAX_BYTES must be between 1024 and 104857600/],
    ['S3_URL', 'https://minio.example.gov.cn/tongban', /S3_URL is not supported yet/],
  ])('stops on a bad %s (%s) with a message naming the variable', (name, value, message) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(message);
  });
});
