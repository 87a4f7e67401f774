import { caseIndexMigrations, caseMigrations } from './modules/cases/migrations.js';
import { catalogMigrations } from './modules/catalog/migrations.js';
import { identityMigrations } from './modules/identity/migrations.js';
import { organisationMigrations } from './modules/identity/organisations/migrations.js';
import { personMigrations } from './modules/identity/persons/migrations.js';
import { rbacMigrations } from './modules/identity/rbac/migrations.js';
import { regionMigrations } from './modules/identity/regions/migrations.js';
import { ssoMigrations } from './modules/identity/sso/migrations.js';
import { auditMigrations } from './platform/audit/migrations.js';
import { collectMigrations } from './platform/db/migrator.js';
import { settingsMigrations } from './platform/db/settings.js';
import { eventMigrations } from './platform/events/migrations.js';
import { idempotencyMigrations } from './platform/http/idempotency-migrations.js';
import { jobMigrations } from './platform/jobs/migrations.js';
import { keyMigrations } from './platform/keys/migrations.js';
import { notifyMigrations } from './platform/notify/migrations.js';
import { storageMigrations } from './platform/storage/migrations.js';

/** Every migration of the platform and the modules, ordered by name. */
export const allMigrations = collectMigrations([
  settingsMigrations,
  auditMigrations,
  idempotencyMigrations,
  jobMigrations,
  eventMigrations,
  notifyMigrations,
  keyMigrations,
  storageMigrations,
  identityMigrations,
  regionMigrations,
  personMigrations,
  organisationMigrations,
  rbacMigrations,
  ssoMigrations,
  catalogMigrations,
  caseMigrations,
  caseIndexMigrations,
]);
