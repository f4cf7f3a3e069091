import type { StateDto, TicketDto } from '@qms/protocol';
import type { CounterOwnView, CurrentTicket, FieldQueue } from '../contract.js';

/** The ticket a counter holds, with its field's names. */
export function currentOf(state: StateDto, ticket: TicketDto | null): CurrentTicket | null {
  if (!ticket) return null;
  const service = state.services.find((s) => s.id === ticket.serviceId);
  return {
    id: ticket.id,
    label: ticket.label,
    serviceId: ticket.serviceId,
    serviceName: service?.name ?? '',
    serviceNameEn: service?.nameEn ?? '',
    priority: ticket.priority,
    status: ticket.status,
    issuedAt: ticket.issuedAt,
    calledAt: ticket.calledAt,
    startedAt: ticket.startedAt,
    recallCount: ticket.recallCount,
    citizen: null,
    application: null,
  };
}

/** What the counter shows of the hub's state: its counter, its ticket, its fields' queues. */
export function counterPartOf(state: StateDto | null, counterId: number | null): Pick<CounterOwnView, 'counter' | 'counters' | 'current' | 'queues' | 'fields'> {
  if (!state) return { counter: null, counters: [], current: null, queues: [], fields: [] };
  const counter = state.counters.find((c) => c.id === counterId) ?? null;
  const queues: FieldQueue[] = (counter?.serviceIds ?? []).flatMap((serviceId) => {
    const service = state.services.find((s) => s.id === serviceId);
    return service ? [{ serviceId, name: service.name, nameEn: service.nameEn, prefix: service.prefix, waiting: service.waiting, estimatedWaitSeconds: service.estimatedWaitSeconds }] : [];
  });
  return {
    counter: counter ? { id: counter.id, number: counter.number, name: counter.name, status: counter.status, pauseReason: counter.pauseReason ?? null } : null,
    counters: state.counters.map((c) => ({ id: c.id, number: c.number, name: c.name })),
    current: counter ? currentOf(state, counter.ticket) : null,
    queues,
    fields: state.services.filter((s) => s.active).map((s) => ({ id: s.id, name: s.name, nameEn: s.nameEn })),
  };
}
