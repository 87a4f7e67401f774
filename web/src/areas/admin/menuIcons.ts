import type { Component } from 'vue';
import { DocumentChecked, Message, Odometer } from '../../ui/element-plus';
import type { AdminMenuEntry } from './menu';

export const menuIcons: Record<AdminMenuEntry['icon'], Component> = {
  dashboard: Odometer,
  audit: DocumentChecked,
  outbox: Message,
};

export function menuPath(entry: AdminMenuEntry): string {
  return entry.path ? `/admin/${entry.path}` : '/admin';
}
