import type { Component } from 'vue';
import type { HotServiceKey } from '../../placeholders';
import {
  Coin,
  Connection,
  CreditCard,
  FirstAidKit,
  House,
  Location,
  OfficeBuilding,
  Postcard,
  Present,
  Stamp,
  Sunrise,
  Tickets,
  User,
  Van,
  Wallet,
} from '../../ui/element-plus';

export const serviceIcons: Record<HotServiceKey, Component> = {
  birth: Sunrise,
  businessLicence: Stamp,
  socialCard: CreditCard,
  housingFund: Coin,
  residencePermit: Postcard,
  realEstate: House,
  driverLicence: Van,
  medicalInsurance: FirstAidKit,
  marriage: Present,
  pension: Wallet,
  household: Location,
  invoice: Tickets,
};

export const quickEntries = [
  { key: 'personal', icon: User, tone: '#1f4e9c' },
  { key: 'enterprise', icon: OfficeBuilding, tone: '#0e7c86' },
  { key: 'oneThing', icon: Connection, tone: '#c8102e' },
  { key: 'licences', icon: Postcard, tone: '#b7791f' },
] as const;
