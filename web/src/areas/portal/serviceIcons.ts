import type { Component } from 'vue';
import {
  Briefcase,
  CircleClose,
  Coin,
  Connection,
  CreditCard,
  FirstAidKit,
  Histogram,
  House,
  Location,
  Medal,
  Memo,
  OfficeBuilding,
  Postcard,
  Present,
  School,
  Shop,
  Stamp,
  Sunrise,
  Tickets,
  User,
  Van,
  Wallet,
} from '../../ui/element-plus';

export const quickEntries = [
  { key: 'personal', icon: User, tone: '#1f4e9c' },
  { key: 'enterprise', icon: OfficeBuilding, tone: '#0e7c86' },
  { key: 'oneThing', icon: Connection, tone: '#c8102e' },
  { key: 'licences', icon: Postcard, tone: '#b7791f' },
] as const;

/** Icons of the catalogue's themes (life events and the enterprise life cycle); others get a generic one. */
export const themeIcons: Record<string, Component> = {
  birth: Sunrise,
  household: Location,
  education: School,
  employment: Briefcase,
  marriage: Present,
  medical: FirstAidKit,
  socialSecurity: CreditCard,
  retirement: Wallet,
  housing: House,
  certificates: Postcard,
  qualification: Medal,
  travel: Van,
  death: Memo,
  establishment: Shop,
  permits: Stamp,
  tax: Coin,
  workforce: User,
  healthSafety: FirstAidKit,
  investment: Histogram,
  closure: CircleClose,
};

export const fallbackThemeIcon: Component = Tickets;
