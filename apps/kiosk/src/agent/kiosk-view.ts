import type { ReceiptData } from '@qms/printer';
import type { StateDto } from '@qms/protocol';
import type { FieldView, IssuedTicket } from '../contract.js';
import type { KioskSettings } from './kiosk-settings.js';

/** The fields a citizen can choose from: the active services, in the hub's order. */
export function fieldsOf(state: StateDto): FieldView[] {
  return state.services
    .filter((service) => service.active)
    .map((service) => ({
      id: service.id,
      name: service.name,
      nameEn: service.nameEn,
      prefix: service.prefix,
      open: service.open,
      openingHours: service.openingHours,
      waiting: service.waiting,
      estimatedWaitSeconds: service.estimatedWaitSeconds,
    }));
}

/** What the kiosk prints for a ticket it issued. */
export function receiptOf(ticket: IssuedTicket, settings: KioskSettings, timeZone: string): ReceiptData {
  return {
    centreName: settings.centreName,
    serviceName: ticket.serviceName,
    serviceNameEn: ticket.serviceNameEn,
    label: ticket.label,
    priority: ticket.priority,
    issuedAt: ticket.issuedAt,
    timeZone,
    ahead: ticket.ahead,
    estimatedWaitSeconds: ticket.estimatedWaitSeconds,
    counters: ticket.counters,
    trackingUrl: ticket.trackingUrl,
    ...(settings.hotline ? { hotline: settings.hotline } : {}),
  };
}
