import { beforeAll, describe, expect, it } from 'vitest';
import { aJpeg } from '../../platform/storage/testing/samples.js';
import { countRows } from '../../test/test-database.js';
import { type CaseWorld, caseWorld } from './testing/world.js';

let w: CaseWorld;
beforeAll(async () => {
  w = await caseWorld();
});

const SHARED = {
  babyName: '张小宝',
  babyGender: 'male',
  birthDate: '2026-11-01',
  hospital: '海口市妇幼保健院',
  motherName: '李梅',
  motherIdNumber: '460106199205150134',
  fatherName: '张三',
  fatherIdNumber: '460106199001010017',
  householdAddress: '海南省海口市龙华区滨海大道 1 号',
  guardianPhone: '13800000001',
  mailingAddress: '海南省海口市龙华区滨海大道 1 号',
};

describe('一件事 (bundle applications)', () => {
  it('checks every member first and writes nothing when one is incomplete', async () => {
    const before = await countRows(w.db, 'cases');
    const response = await w.app.inject({
      method: 'POST',
      url: '/api/v1/cases/bundles',
      headers: w.citizen,
      payload: { bundleId: 'YJS-460100-XSECS', formData: { babyName: '张小宝' } },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().errors.some((e: { field: string }) => e.field.startsWith('body.members.'))).toBe(
      true,
    );
    expect(await countRows(w.db, 'cases')).toBe(before);
  });

  it('creates the member cases in order, submits the first, and the next when the first is approved', async () => {
    // the social-security card (the last member) needs a photo of the child
    const catalogBundle = (
      await w.app.inject({ method: 'GET', url: '/api/v1/catalog/bundles/YJS-460100-XSECS' })
    ).json();
    const photo = await w.api.upload(w.citizen, '照片.jpg', aJpeg());
    const response = await w.app.inject({
      method: 'POST',
      url: '/api/v1/cases/bundles',
      headers: w.citizen,
      payload: {
        bundleId: 'YJS-460100-XSECS',
        formData: SHARED,
        members: [
          { itemId: catalogBundle.members[3].itemId, materials: [{ materialId: 'photo', fileId: photo }] },
        ],
      },
    });
    expect(response.statusCode, response.body).toBe(201);
    const bundle = response.json();
    expect(bundle.members.map((m: { status: string }) => m.status)).toEqual([
      'submitted',
      'draft',
      'draft',
      'draft',
    ]);
    const first = bundle.members[0].caseId;
    // the shared form was mapped onto the member's form
    expect((await w.api.get(w.citizen, first)).json().form.data).toMatchObject({
      babyName: '张小宝',
      fatherName: '张三',
    });
    await w.api.act(w.clerk, first, { action: 'accept' });
    await w.api.act(w.reviewer.headers, first, { action: 'approve' });
    const decided = await w.api.act(w.approver.headers, first, { action: 'approve' });
    expect(decided.json().status).toBe('approved');
    const after = (
      await w.app.inject({ method: 'GET', url: `/api/v1/cases/bundles/${bundle.id}`, headers: w.citizen })
    ).json();
    expect(after.members.map((m: { status: string }) => m.status)).toEqual([
      'approved',
      'submitted',
      'draft',
      'draft',
    ]);
    expect(after.members[1].number).toMatch(/-HKGAJ-/);
    // a correction of the second member touches only it
    await w.api.act(w.clerk, after.members[1].caseId, {
      action: 'requestSupplement',
      payload: { items: [{ key: 'householdAddress', label: '落户地址' }] },
    });
    const later = (
      await w.app.inject({ method: 'GET', url: `/api/v1/cases/bundles/${bundle.id}`, headers: w.citizen })
    ).json();
    expect(later.members.map((m: { status: string }) => m.status)).toEqual([
      'approved',
      'supplementPending',
      'draft',
      'draft',
    ]);
    expect(later.status).toBe('inProgress');
    // someone else's bundle application is not found
    expect(
      (
        await w.app.inject({
          method: 'GET',
          url: `/api/v1/cases/bundles/${bundle.id}`,
          headers: w.otherCitizen,
        })
      ).statusCode,
    ).toBe(404);
  });
});
