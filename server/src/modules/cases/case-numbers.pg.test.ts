import { describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../platform/db/database.js';
import { startTestApp } from '../../test/test-app.js';
import { anApplication, casesApi, caseWorld } from './testing/world.js';

// PostgreSQL only: two app instances, each with its own connection pool (as two nodes), submit at once.
vi.setConfig({ testTimeout: 120_000 });

describe('办件编号 across two nodes', () => {
  it('numbers concurrent submissions without gaps or duplicates', async () => {
    const w = await caseWorld();
    const url = (w.database as { url?: string | null }).url;
    if (!url) throw new Error('needs DATABASE_URL');
    const second = await startTestApp(
      {},
      { database: await openDatabase({ databaseUrl: url, pgliteDir: null }) },
    );
    const nodes = [w.api, casesApi(second.app)];
    const applications = await Promise.all(Array.from({ length: 24 }, () => anApplication(w)));
    const replies = await Promise.all(applications.map((body, i) => nodes[i % 2]!.submit(w.citizen, body)));
    for (const reply of replies) expect(reply.statusCode, reply.body).toBe(201);
    const numbers = replies.map((r) => r.json().number as string);
    expect(new Set(numbers).size).toBe(numbers.length);
    const prefix = numbers[0]!.slice(0, numbers[0]!.lastIndexOf('-'));
    const all = await w.db
      .selectFrom('cases')
      .select('number')
      .where('number', 'like', `${prefix}-%`)
      .execute();
    const sequence = all.map((r) => Number(r.number!.slice(prefix.length + 1))).sort((a, b) => a - b);
    // every number from 1 to the counter is used exactly once
    expect(sequence).toEqual(Array.from({ length: sequence.length }, (_, i) => i + 1));
    const counter = await w.db
      .selectFrom('case_number_counters')
      .select('last')
      .where('prefix', '=', prefix)
      .executeTakeFirstOrThrow();
    expect(counter.last).toBe(sequence.length);
  });
});
