import { verifyLedger } from '../platform/audit/ledger.js';
import { ConfigError, loadConfig } from '../platform/config/config.js';
import { openDatabase } from '../platform/db/database.js';

/** `npm run audit:verify`: walks the audit hash chain; exit 0 intact, 1 broken, 2 could not check. */
async function run(): Promise<number> {
  const config = loadConfig();
  const database = await openDatabase({ databaseUrl: config.databaseUrl, pgliteDir: `${config.dataDir}/pg` });
  try {
    const result = await verifyLedger(database.db);
    if (result.ok) {
      console.log(
        `audit ledger intact: ${result.checked} records, head #${result.head.seq} ${result.head.hash}`,
      );
      return 0;
    }
    const broken = result.firstBroken!;
    console.log(
      `audit ledger BROKEN at record #${broken.seq} (${broken.reason}); ${result.checked} records before it verified`,
    );
    return 1;
  } finally {
    await database.close();
  }
}

run().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error instanceof ConfigError ? error.message : `audit:verify failed: ${error.message}`);
    process.exit(2);
  },
);
