import type { ReceiptData } from '@qms/printer';
import type { CentreTextsDto, StateDto } from '@qms/protocol';
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

/** The kiosk's texts: the hub's when set there, else station.json's (else their defaults). */
export interface KioskTexts {
  centreName: string;
  hotline: string | null;
}

export function kioskTextsOf(settings: KioskSettings, hub: CentreTextsDto): KioskTexts {
  return { centreName: hub.centreName ?? settings.centreName, hotline: hub.hotline ?? settings.hotline };
}

/** What the kiosk prints for a ticket it issued. */
export function receiptOf(ticket: IssuedTicket, texts: KioskTexts, timeZone: string): ReceiptData {
  return {
    centreName: texts.centreName,
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
    ...(texts.hotline ? { hotline: texts.hotline } : {}),
  };
}
