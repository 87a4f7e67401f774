import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VERSION_STATUSES } from './migrations.js';
import { availableActions, canApply, type VersionAction, versionActions } from './version-states.js';

const actions = Object.keys(versionActions) as VersionAction[];

describe('version states', () => {
  it('edits drafts only: nothing published, superseded or cancelled can change', () => {
    expect(VERSION_STATUSES.filter((status) => canApply('edit', status))).toEqual(['draft']);
    for (const status of ['published', 'superseded', 'cancelled'] as const)
      expect(availableActions(status).filter((a) => a === 'edit' || a === 'submit')).toEqual([]);
    expect(availableActions('superseded')).toEqual([]);
    expect(availableActions('cancelled')).toEqual([]);
  });

  it('reaches published only through submit, approve and publish (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...actions), { maxLength: 12 }), (sequence) => {
        let status: (typeof VERSION_STATUSES)[number] = 'draft';
        const taken: VersionAction[] = [];
        for (const action of sequence) {
          if (!canApply(action, status)) continue;
          status = versionActions[action].to;
          taken.push(action);
          if (status === 'published' && action === 'publish') {
            const before = taken.slice(0, -1);
            expect(before.lastIndexOf('approve')).toBeGreaterThan(before.lastIndexOf('reject'));
            expect(before).toContain('submit');
          }
        }
      }),
    );
  });
});
