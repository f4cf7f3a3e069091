import { ticketPageUrl } from '@qms/core';
import { PAPER_WIDTH_DOTS, type PrinterProfile, type ReceiptData } from '@qms/printer';
import type { CentreTextsDto, IssuedDto, StateDto } from '@qms/protocol';
import type { PrinterSettings } from '@qms/station';
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

/** A ticket the hub issued, as the kiosk shows and prints it (its field's names, the counters that serve it, its page's QR). */
export function issuedTicketOf(
  answer: Pick<IssuedDto, 'id' | 'label' | 'serviceId' | 'priority' | 'issuedAt' | 'ahead' | 'estimatedWaitSeconds' | 'citizen'>,
  state: StateDto | null,
  hubUrl: string,
): IssuedTicket {
  const service = state?.services.find((s) => s.id === answer.serviceId);
  return {
    id: answer.id,
    label: answer.label,
    serviceId: answer.serviceId,
    serviceName: service?.name ?? '',
    serviceNameEn: service?.nameEn ?? '',
    priority: answer.priority,
    issuedAt: answer.issuedAt,
    ahead: answer.ahead ?? 0,
    estimatedWaitSeconds: answer.estimatedWaitSeconds ?? null,
    counters: (state?.counters ?? []).filter((c) => c.serviceIds.includes(answer.serviceId)).map((c) => c.number),
    trackingUrl: ticketPageUrl(hubUrl, answer.id, answer.label),
    citizen: answer.citizen ?? null,
  };
}

/** The kiosk's printer as the receipt layout needs it (80 mm raster when no printer is configured). */
export function printerProfileOf(printer: PrinterSettings | null): PrinterProfile {
  if (!printer) return { type: 'epson', widthDots: PAPER_WIDTH_DOTS[80], encoding: 'raster' };
  return { type: printer.type, widthDots: PAPER_WIDTH_DOTS[printer.width], encoding: printer.encoding };
}
