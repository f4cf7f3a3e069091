import type { ReceiptData } from '@qms/printer';
import type { StateDto } from '@qms/protocol';
import type { FieldView, IssuedTicket } from '../bridge/contract.js';
import type { StationConfig } from '../station-config.js';

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
export function receiptOf(ticket: IssuedTicket, config: StationConfig, timeZone: string): ReceiptData {
  return {
    centreName: config.kiosk.centreName,
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
    ...(config.kiosk.hotline ? { hotline: config.kiosk.hotline } : {}),
  };
}
