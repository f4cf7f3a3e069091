import { HubError } from '@qms/client';
import { buildBlocksJob, type PrinterProfile } from '@qms/printer';
import type { ApplicationLookupDto, ApplicationPickupIssuedDto, ProcedureDto } from '@qms/protocol';
import { BRIDGE_ERRORS, BridgeFailure, type StationContext } from '@qms/station';
import { type ApplicationRow, type FeedbackParams, type IssuedTicket, KIOSK_ERRORS, type PickupResult, type PrintOutcome } from '../contract.js';
import type { KioskSettings } from './kiosk-settings.js';
import { issuedTicketOf, type KioskTexts } from './kiosk-view.js';
import { procedureSlipBlocks } from './procedure-slip.js';

const invalid = (message: string) => new BridgeFailure(BRIDGE_ERRORS.invalid, message);
const CODE_MAX = 40;
const SECRET_MAX = 20;

/** What the citizen services need from the kiosk agent: its texts, its printer, and the tickets it remembers for a reprint. */
export interface CitizenServiceParts {
  texts(): KioskTexts;
  profile(): PrinterProfile;
  /** Sends a print job to the kiosk's printer (a problem is an outcome, not a throw). */
  printJob(bytes: Buffer, jobId: string): Promise<PrintOutcome>;
  printTicket(ticket: IssuedTicket, jobId: string, note: string): Promise<PrintOutcome>;
  remember(ticket: IssuedTicket): void;
}

/** The hub's lookup answer as the kiosk shows it. */
export function applicationRowOf(dto: ApplicationLookupDto): ApplicationRow {
  return {
    code: dto.code,
    status: dto.status,
    statusName: dto.statusName,
    receivedAt: dto.receivedAt,
    dueAt: dto.dueAt,
    procedureName: dto.procedure.name,
    applicantName: dto.applicantName,
  };
}

/** The line a results-pickup receipt carries under the field's name. */
export function pickupNote(code: string): string {
  return `Trả kết quả hồ sơ: ${code}`;
}

/**
 * The kiosk's citizen services beside the queue: the procedures catalogue (and its printed slip),
 * looking an application up (by code and secret, or by the CCCD just scanned), the results-pickup
 * ticket, and feedback. Each is one call to the hub; its refusals come back with the hub's code.
 */
export class CitizenServices {
  constructor(
    private readonly context: StationContext<KioskSettings>,
    private readonly parts: CitizenServiceParts,
  ) {}

  async procedures(params: { serviceId?: number; q?: string }): Promise<ProcedureDto[]> {
    const query = new URLSearchParams();
    if (params.serviceId !== undefined) {
      if (!Number.isInteger(params.serviceId) || params.serviceId < 1) throw invalid('serviceId must be a positive whole number');
      query.set('serviceId', String(params.serviceId));
    }
    if (params.q !== undefined) {
      if (typeof params.q !== 'string' || params.q.length > 200) throw invalid('q must be up to 200 characters');
      if (params.q.trim()) query.set('q', params.q.trim());
    }
    return this.hub<ProcedureDto[]>('GET', `/api/procedures${query.size > 0 ? `?${query}` : ''}`);
  }

  async printProcedure(procedureId: number): Promise<PrintOutcome> {
    if (!Number.isInteger(procedureId) || procedureId < 1) throw invalid('procedureId must be a positive whole number');
    const procedure = (await this.hub<ProcedureDto[]>('GET', '/api/procedures')).find((candidate) => candidate.id === procedureId);
    if (!procedure) throw new BridgeFailure('procedure.not_found', `no active procedure with id ${procedureId}`);
    const field = this.context.link.state?.services.find((service) => service.id === procedure.serviceId);
    const texts = this.parts.texts();
    const blocks = procedureSlipBlocks({ centreName: texts.centreName, fieldName: field?.name ?? '', procedure, hotline: texts.hotline });
    return this.parts.printJob(buildBlocksJob(blocks, { ...this.parts.profile(), encoding: 'raster' }), `procedure-${procedureId}-${this.context.clock.now().getTime()}`);
  }

  async lookup(code: string, secret: string): Promise<ApplicationRow> {
    checkReceipt(code, secret);
    const query = new URLSearchParams({ code, secret });
    return applicationRowOf(await this.hub<ApplicationLookupDto>('GET', `/api/applications/lookup?${query}`));
  }

  /** The applications of the citizen whose 12-digit number the scanner read (sent in a POST body, never logged). */
  async byCitizen(idNumber: string | null): Promise<ApplicationRow[]> {
    if (!idNumber) throw new BridgeFailure(KIOSK_ERRORS.noCitizen, 'scan the citizen ID card (CCCD) first');
    const answer = await this.hub<{ applications: ApplicationLookupDto[] }>('POST', '/api/applications/by-citizen', { idNumber });
    return answer.applications.map(applicationRowOf);
  }

  /** A results ticket for a ready application, printed with its code; the hub gives the open one again for a second scan. */
  async pickup(code: string, secret: string): Promise<PickupResult> {
    checkReceipt(code, secret);
    const { link, config } = this.context;
    const answer = await this.hub<ApplicationPickupIssuedDto>('POST', '/api/applications/pickup', { code, secret });
    const ticket = issuedTicketOf(answer, link.state, config.hubUrl);
    this.parts.remember(ticket);
    const print = await this.parts.printTicket(ticket, `ticket-${ticket.id}${answer.replayed ? `-again-${this.context.clock.now().getTime()}` : ''}`, pickupNote(answer.application.code));
    return { ticket, print, replayed: answer.replayed, application: applicationRowOf(answer.application) };
  }

  async feedback(params: FeedbackParams): Promise<{ id: number }> {
    if (typeof params.text !== 'string') throw invalid('text must be the message');
    const body: Record<string, unknown> = { text: params.text };
    if (params.phone !== undefined && params.phone !== '') body.phone = params.phone;
    if (params.counterNumber !== undefined) body.counterNumber = params.counterNumber;
    return this.hub<{ id: number }>('POST', '/api/feedback', body);
  }

  /** One call to the hub: a refusal keeps the hub's code, an unreachable hub says so. */
  private async hub<T>(method: string, path: string, body?: unknown): Promise<T> {
    const { client } = this.context.link;
    try {
      return (await client.request<T>(method, path, body)).body;
    } catch (error) {
      if (error instanceof HubError) throw new BridgeFailure(error.code, error.message);
      throw new BridgeFailure(BRIDGE_ERRORS.hubUnreachable, `the hub at ${client.baseUrl} did not answer: ${(error as Error).message}`);
    }
  }
}

function checkReceipt(code: string, secret: string): void {
  if (typeof code !== 'string' || code.trim() === '' || code.length > CODE_MAX) throw invalid(`code must be the code on the receipt, 1 to ${CODE_MAX} characters`);
  if (typeof secret !== 'string' || secret.trim() === '' || secret.length > SECRET_MAX) throw invalid(`secret must be the secret on the receipt, 1 to ${SECRET_MAX} characters`);
}
