/**
 * Navigation placeholders shown before the service catalogue is connected. Only i18n keys live here:
 * every entry links to the "coming soon" page of its area, never to a fake data page.
 */
export const hotServiceKeys = [
  'birth',
  'businessLicence',
  'socialCard',
  'housingFund',
  'residencePermit',
  'realEstate',
  'driverLicence',
  'medicalInsurance',
  'marriage',
  'pension',
  'household',
  'invoice',
] as const;

export type HotServiceKey = (typeof hotServiceKeys)[number];

export const hotSearchKeys: readonly HotServiceKey[] = [
  'birth',
  'businessLicence',
  'socialCard',
  'housingFund',
];
