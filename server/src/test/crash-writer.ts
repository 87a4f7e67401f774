// Child process for the crash test: writes audited changes in a loop until it is killed with SIGKILL.
// Each transaction writes an outbox event and an audit record; after a crash both counts must match
// and the audit chain must verify.
import { allMigrations } from '../migrations.js';
import { appendAudit } from '../platform/audit/ledger.js';
import { openDatabase } from '../platform/db/database.js';
import { uuidv7 } from '../platform/db/ids.js';
import { migrateToLatest } from '../platform/db/migrator.js';
import { toJson } from '../platform/db/tables.js';
import { withTransaction } from '../platform/db/transaction.js';
import { systemContext } from '../platform/http/context.js';

const [databaseUrl, pgliteDir] = [
  process.env.CRASH_DATABASE_URL || null,
  process.env.CRASH_PGLITE_DIR || null,
];
const database = await openDatabase({ databaseUrl, pgliteDir });
await migrateToLatest(database.db, allMigrations);
const ctx = systemContext('crash-test');
let written = 0;
for (;;) {
  await withTransaction(database.db, async (trx) => {
    const id = uuidv7();
    await trx
      .insertInto('outbox_events')
      .values({
        id,
        type: 'crash.test',
        aggregate_type: 'test',
        aggregate_id: String(written),
        payload: toJson({ written, padding: 'x'.repeat(2000) }),
        actor_id: null,
        request_id: null,
        occurred_at: new Date(),
      })
      .execute();
    await appendAudit(trx, ctx, {
      action: 'crash.test',
      target: { type: 'event', id },
      details: { written },
    });
  });
  written++;
  if (written % 10 === 0) process.stdout.write(`${written}\n`);
}
