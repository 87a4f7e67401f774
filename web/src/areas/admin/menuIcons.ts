import type { Component } from 'vue';
import {
  Box,
  Clock,
  Collection,
  Connection,
  Document,
  DocumentChecked,
  Files,
  Key,
  Lock,
  MapLocation,
  Message,
  Odometer,
  OfficeBuilding,
  Postcard,
  Setting,
  Shop,
  Stamp,
  Tickets,
  Timer,
  User,
  UserFilled,
} from '../../ui/element-plus';
import type { AdminMenuEntry } from './menu';

export const menuIcons: Record<AdminMenuEntry['icon'], Component> = {
  dashboard: Odometer,
  audit: DocumentChecked,
  outbox: Message,
  security: Lock,
  loginEvents: Tickets,
  regions: MapLocation,
  departments: OfficeBuilding,
  halls: Shop,
  staff: UserFilled,
  roles: Key,
  sso: Connection,
  system: Setting,
  account: User,
  catalog: Files,
  basicItems: Collection,
  items: Document,
  review: Stamp,
  bundles: Box,
  todo: Clock,
  window: Postcard,
  supervision: Timer,
};

export function menuPath(entry: AdminMenuEntry): string {
  return entry.path ? `/admin/${entry.path}` : '/admin';
}
