import type { Component } from 'vue';
import { DocumentChecked, Lock, MapLocation, Message, Odometer, Tickets, User } from '../../ui/element-plus';
import type { AdminMenuEntry } from './menu';

export const menuIcons: Record<AdminMenuEntry['icon'], Component> = {
  dashboard: Odometer,
  audit: DocumentChecked,
  outbox: Message,
  security: Lock,
  loginEvents: Tickets,
  regions: MapLocation,
  account: User,
};

export function menuPath(entry: AdminMenuEntry): string {
  return entry.path ? `/admin/${entry.path}` : '/admin';
}
