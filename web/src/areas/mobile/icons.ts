/** Vant icon names for the mobile area. */
export const mobileEntries = [
  { key: 'services', feature: 'services', icon: 'apps-o', tone: '#1f4e9c' },
  { key: 'showLicence', feature: 'showLicence', icon: 'idcard', tone: '#c8102e' },
  { key: 'scan', feature: 'scan', icon: 'scan', tone: '#0e7c86' },
  { key: 'myCases', feature: 'myCases', icon: 'orders-o', tone: '#d08a1d' },
] as const;

export const mobileTabs = [
  { key: 'home', to: '/m', icon: 'wap-home-o' },
  { key: 'services', to: '/m/services', icon: 'apps-o' },
  { key: 'cards', to: '/m/soon/cards', icon: 'credit-pay' },
  { key: 'mine', to: '/m/soon/mine', icon: 'user-o' },
] as const;
