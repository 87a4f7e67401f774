import { sql } from 'kysely';
import type { Services } from './app.js';
import { loadCaseDemoCases, loadCaseDemoStaff } from './demo/case-demo.js';
import { loadCatalogDemo } from './demo/catalog-demo.js';
import { loadDemoData } from './demo/demo-data.js';
import { generatePassword } from './platform/config/config.js';
import { readSetting, writeSetting } from './platform/db/settings.js';
import { withTransaction } from './platform/db/transaction.js';
import { systemContext } from './platform/http/context.js';
import type { Platform } from './platform/kernel.js';

// Any constant: serialises first-start work when several nodes start against one database.
const BOOTSTRAP_LOCK = 7_306_102;
const CATALOG_MARK = 'demo.catalogLoadedAt';
const CASES_MARK = 'demo.casesLoadedAt';

/**
 * First-start work, idempotent on every start: built-in roles, the bootstrap administrator `admin`
 * (password from TONGBAN_ADMIN_PASSWORD, or a random one printed once, as Keycloak does), and the demo
 * data when TONGBAN_DEMO=1 and it was never loaded.
 */
export async function bootstrap(platform: Platform, services: Services): Promise<void> {
  const ctx = systemContext('bootstrap');
  let loadDemoCases = false;
  await withTransaction(platform.db, async (trx) => {
    await sql`select pg_advisory_xact_lock(${BOOTSTRAP_LOCK})`.execute(trx);
    await services.identity.ensureBuiltinRoles(trx);
    const generated = platform.config.adminPassword ? null : generatePassword();
    const created = await services.identity.createStaffIfMissing(trx, ctx, {
      username: 'admin',
      displayName: '系统管理员',
      password: platform.config.adminPassword ?? generated!,
      roleCodes: ['sysadmin'],
    });
    if (created && generated) {
      platform.log.warn(
        `Bootstrap administrator created. Username: admin  Password: ${generated}  (shown once; change it after signing in)`,
      );
    }
    if (platform.config.demo && !(await readSetting(trx, 'demo.loadedAt'))) {
      await loadDemoData(trx, ctx, services);
      await writeSetting(trx, 'demo.loadedAt', new Date().toISOString());
      platform.log.info('demo data loaded');
    }
    // The demo catalogue has its own mark, so installs whose demo predates the catalogue get it too. Test
    // apps skip it (it adds about half a second to every start); catalogue tests load it themselves.
    if (
      platform.config.demo &&
      platform.config.environment !== 'test' &&
      !(await readSetting(trx, CATALOG_MARK))
    ) {
      await loadCatalogDemo(trx, ctx, services);
      await writeSetting(trx, CATALOG_MARK, new Date().toISOString());
      platform.log.info('demo catalogue loaded');
    }
    if (
      platform.config.demo &&
      platform.config.environment !== 'test' &&
      !(await readSetting(trx, CASES_MARK))
    ) {
      await loadCaseDemoStaff(trx, ctx, services);
      await writeSetting(trx, CASES_MARK, new Date().toISOString());
      loadDemoCases = true;
    }
  });
  // the demo cases go through the case service, one transaction per action, after the bootstrap commits;
  // only the node that set the mark loads them
  if (loadDemoCases) {
    await loadCaseDemoCases(platform.db, services);
    platform.log.info('demo cases loaded');
  }
  // this version may bring new resource codes and built-in grants: no node may keep serving the old ones
  await services.identity.actors.invalidate();
}
