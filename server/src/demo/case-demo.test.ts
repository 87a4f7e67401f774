import { describe, expect, it } from 'vitest';
import { CASE_STATUSES } from '../modules/cases/domain/lifecycle.js';
import { withTransaction } from '../platform/db/transaction.js';
import { systemContext } from '../platform/http/context.js';
import { startTestApp } from '../test/test-app.js';
import { loadCaseDemoCases, loadCaseDemoStaff } from './case-demo.js';
import { loadCatalogDemoNow } from './catalog-demo.js';

describe('the case demo', () => {
  it('has cases in every state, clocks near due and overdue, and every history intact', async () => {
    const { db, services, app } = await startTestApp();
    await loadCatalogDemoNow(db, services);
    await withTransaction(db, (trx) => loadCaseDemoStaff(trx, systemContext('test'), services));
    await loadCaseDemoCases(db, services);
    const rows = await db
      .selectFrom('cases')
      .select(['id', 'status', 'due_date', 'near_due_date', 'decided_at', 'paused'])
      .execute();
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(CASE_STATUSES));
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const open = rows.filter((r) => !r.decided_at && r.due_date && !r.paused);
    expect(open.some((r) => r.due_date! < today)).toBe(true);
    expect(open.some((r) => r.near_due_date! <= today && r.due_date! >= today)).toBe(true);
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/identity/login',
      payload: { username: 'approver', password: 'Tongban@2026' },
    });
    const headers = { authorization: `Bearer ${login.json().token}` };
    for (const row of rows) {
      const check = await app.inject({ method: 'GET', url: `/api/v1/cases/${row.id}/integrity`, headers });
      expect(check.json(), row.status).toMatchObject({ intact: true });
    }
  });
});
