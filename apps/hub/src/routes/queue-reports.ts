import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import type { SheetData } from 'write-excel-file/node';
import { Type } from '@sinclair/typebox';
import { addDays, dayRange, emptyFigures, FiguresSum, isCalendarDate, type ReportGroup, type ReportRowFigures, reportRowFigures, toCsv } from '@qms/core';
import { SqliteApplicationStore, SqliteReportStore } from '@qms/db';
import { ArrivalsQuery, ArrivalsSchema, ErrorSchema, QueueReportQuery, QueueReportSchema, type QueueReportDto, type QueueReportRowDto } from '@qms/protocol';
import { ApiError } from '../api-error.js';
import { applicationReport } from '../applications/application-report.js';
import { timingRulesOf } from '../applications/application-view.js';
import type { HubContext } from '../hub-context.js';
import { ADMIN_ONLY } from '../http/auth.js';

const ErrorRef = Type.Ref(ErrorSchema);
/** Ten years: the roll-ups make a long period cheap, and a day grouping lists every day. */
const MAX_REPORT_DAYS = 3660;

/** The CSV columns: the row's key and label, then the figures, with their Vietnamese headers. */
const CSV_COLUMNS: [keyof ReportRowFigures, string][] = [
  ['issued', 'Số phiếu đã cấp'],
  ['served', 'Đã phục vụ'],
  ['noShow', 'Vắng mặt'],
  ['cancelled', 'Đã hủy'],
  ['transferred', 'Chuyển lĩnh vực'],
  ['waitMeanSeconds', 'Chờ trung bình (giây)'],
  ['waitMedianSeconds', 'Chờ trung vị (giây)'],
  ['waitP90Seconds', 'Chờ P90 (giây)'],
  ['waitMaxSeconds', 'Chờ lâu nhất (giây)'],
  ['waitedOverTargetShare', 'Tỷ lệ chờ quá chỉ tiêu'],
  ['serviceMeanSeconds', 'Phục vụ trung bình (giây)'],
  ['serviceMedianSeconds', 'Phục vụ trung vị (giây)'],
  ['serviceP90Seconds', 'Phục vụ P90 (giây)'],
  ['priorityIssued', 'Phiếu ưu tiên'],
  ['priorityWaitMeanSeconds', 'Ưu tiên chờ trung bình (giây)'],
  ['ratings', 'Lượt đánh giá'],
  ['satisfiedShare', 'Tỷ lệ hài lòng'],
  ['estimates', 'Số phiếu có dự kiến chờ'],
  ['estimateMeanAbsErrorSeconds', 'Sai số dự kiến trung bình (giây)'],
  ['estimateBiasSeconds', 'Độ lệch dự kiến (giây)'],
  ['estimateWithin5MinShare', 'Tỷ lệ dự kiến đúng ±5 phút'],
];
const KEY_HEADER: Record<ReportGroup, string> = { service: 'Lĩnh vực', counter: 'Quầy', staff: 'Cán bộ', day: 'Ngày', hour: 'Giờ' };

const hourLabel = (hour: number) => `${String(hour).padStart(2, '0')}:00–${String((hour + 1) % 24).padStart(2, '0')}:00`;
const dayLabel = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

/** The report as a table: a header, one line per row, and the total. */
function reportTable(report: QueueReportDto): { header: string[]; lines: (string | number | null)[][] } {
  const header = [KEY_HEADER[report.groupBy], 'Tên', ...CSV_COLUMNS.map(([, title]) => title)];
  const line = (key: string | number, label: string, figures: ReportRowFigures) => [key, label, ...CSV_COLUMNS.map(([field]) => figures[field] as number | null)];
  return { header, lines: [...report.rows.map((row) => line(row.key, row.label, row)), line('', 'Tổng cộng', report.total)] };
}

export function reportCsv(report: QueueReportDto): string {
  const { header, lines } = reportTable(report);
  return toCsv([header, ...lines]);
}

/** The report as an XLSX workbook: one sheet, the header bold and frozen, shares as percentages. */
export async function reportXlsx(report: QueueReportDto): Promise<Buffer> {
  const { header, lines } = reportTable(report);
  const shareColumns = new Set(CSV_COLUMNS.flatMap(([field], index) => (field.endsWith('Share') ? [index + 2] : [])));
  const data: SheetData = [
    header.map((value) => ({ value, fontWeight: 'bold' as const, wrap: true })),
    ...lines.map((line, row) =>
      line.map((value, column) => {
        const bold = row === lines.length - 1 ? { fontWeight: 'bold' as const } : {};
        if (value === null) return null;
        if (typeof value === 'number') return { value, type: Number, ...(shareColumns.has(column) ? { format: '0.0%' } : {}), ...bold };
        return { value, type: String, ...bold };
      }),
    ),
  ];
  const sheet = `Báo cáo ${report.from} – ${report.to}`.slice(0, 31);
  // Loaded at the first workbook asked for: the hub starts without it.
  const { default: writeXlsxFile } = await import('write-excel-file/node');
  return writeXlsxFile(data, { sheet, stickyRowsCount: 1, columns: header.map((_, index) => ({ width: index < 2 ? 24 : 14 })) }).toBuffer();
}

/** Throws request.invalid unless from..to is a period of real dates, in order, of at most MAX_REPORT_DAYS days. */
function checkPeriod(from: string, to: string): void {
  if (!isCalendarDate(from) || !isCalendarDate(to)) throw new ApiError('request.invalid', 'from and to must be dates of the calendar (YYYY-MM-DD)');
  if (from > to) throw new ApiError('request.invalid', `from (${from}) must not be after to (${to})`);
  if (addDays(from, MAX_REPORT_DAYS) <= to) throw new ApiError('request.invalid', `a report covers at most ${MAX_REPORT_DAYS} days`);
}

/**
 * GET /api/reports/queue: the queue's figures over a period of business days, grouped by field,
 * counter, clerk, day or hour of the day (admin). Closed days are read from their roll-ups, today
 * from its tickets.
 */
export function queueReportRoutes(ctx: HubContext): FastifyPluginAsyncTypebox {
  return async (app) => {
    const reports = new SqliteReportStore(ctx.db);
    const applicationStore = new SqliteApplicationStore(ctx.db);

    const labelsOf = (groupBy: ReportGroup): Map<string, string> => {
      if (groupBy === 'service') return new Map(ctx.queueStore.listServices().map((service) => [String(service.id), service.name]));
      if (groupBy === 'counter') return new Map(ctx.queueStore.listCounters().map((counter) => [String(counter.id), counter.name]));
      if (groupBy === 'staff') return new Map(ctx.access.listUsers().map((user) => [String(user.id), user.displayName || user.username]));
      return new Map();
    };

    const build = (from: string, to: string, groupBy: ReportGroup, targetMinutes: number): QueueReportDto => {
      const options = { ratingLevels: ctx.settings().ratingScale, targetSeconds: targetMinutes * 60 };
      const dimension = groupBy === 'day' ? 'all' : groupBy;
      const merged = reports.read(from, to, dimension, ctx.timeZone, groupBy === 'day');
      const rows: QueueReportRowDto[] = [];
      if (groupBy === 'day') {
        for (let day = from; day <= to; day = addDays(day, 1)) rows.push({ key: day, label: dayLabel(day), ...reportRowFigures(merged.get(day) ?? emptyFigures(), options) });
      } else {
        const labels = labelsOf(groupBy);
        // Fields and counters are all listed, with or without tickets; clerks and hours when they have some.
        const keys = new Set([...(groupBy === 'service' || groupBy === 'counter' ? labels.keys() : []), ...merged.keys()]);
        const sorted = [...keys].map(Number).sort((a, b) => a - b);
        for (const key of sorted) {
          const label = groupBy === 'hour' ? hourLabel(key) : (labels.get(String(key)) ?? `#${key}`);
          rows.push({ key, label, ...reportRowFigures(merged.get(String(key)) ?? emptyFigures(), options) });
        }
      }
      // By day, the rows are the 'all' figures of each day already: the total merges them, not a second read.
      const all = groupBy === 'day' ? new Map([['', [...merged.values()].reduce((sum, figures) => sum.add(figures), new FiguresSum()).figures()]]) : reports.read(from, to, 'all', ctx.timeZone);
      const now = ctx.clock.now();
      const pauses = reports.pausesBetween(dayRange(from, ctx.timeZone).start, dayRange(to, ctx.timeZone).end, now) as QueueReportDto['pauses'];
      const applications = applicationReport(applicationStore.receivedBetween(from, to), timingRulesOf(ctx.settings()), now);
      return { from, to, groupBy, targetMinutes, rows, total: reportRowFigures(all.get('') ?? emptyFigures(), options), pauses, applications };
    };

    app.get(
      '/api/reports/arrivals',
      {
        config: { access: ADMIN_ONLY },
        schema: {
          summary: 'Tickets issued by weekday and hour of the day over business days from..to (admin): the heat map of arrivals',
          tags: ['reports'],
          querystring: ArrivalsQuery,
          response: { 200: ArrivalsSchema, 400: ErrorRef },
        },
      },
      async (request) => {
        const { from, to } = request.query;
        checkPeriod(from, to);
        const weekdays = Array.from({ length: 7 }, (_, index) => ({ weekday: index + 1, days: new Set<string>(), issued: Array.from({ length: 24 }, () => 0) }));
        for (const { day, key, figures } of reports.cells(from, to, 'hour', ctx.timeZone)) {
          if (figures.issued === 0) continue;
          const row = weekdays[(new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7] as (typeof weekdays)[number];
          row.days.add(day);
          row.issued[Number(key)] = (row.issued[Number(key)] ?? 0) + figures.issued;
        }
        return { from, to, weekdays: weekdays.map((row) => ({ weekday: row.weekday, days: row.days.size, issued: row.issued })) };
      },
    );

    app.get(
      '/api/reports/queue',
      {
        config: { access: ADMIN_ONLY },
        schema: {
          summary: "The queue's figures over business days from..to (both included), grouped by field, counter, clerk, day or hour (admin)",
          description:
            'Waits are issue → first call, service times start (or call) → finish; medians and p90 by the nearest-rank rule; shares are fractions; figures without data are 0 or null. ' +
            'format=csv gives a UTF-8 CSV (with a BOM) with Vietnamese headers, xlsx a workbook. At most 3660 days.',
          tags: ['reports'],
          querystring: QueueReportQuery,
          response: { 200: QueueReportSchema, 400: ErrorRef },
        },
      },
      async (request, reply) => {
        const { from, to, groupBy, format = 'json', targetMinutes = ctx.settings().waitTargetMinutes } = request.query;
        checkPeriod(from, to);
        const report = build(from, to, groupBy, targetMinutes);
        if (format === 'csv') {
          // The answer is a file, not the JSON the schema describes: sent as text, past the JSON serializer.
          return (reply as unknown as FastifyReply)
            .header('content-type', 'text/csv; charset=utf-8')
            .header('content-disposition', `attachment; filename="bao-cao-${groupBy}-${from}-${to}.csv"`)
            .serializer((payload: unknown) => payload as string)
            .send(reportCsv(report));
        }
        if (format === 'xlsx') {
          return (reply as unknown as FastifyReply)
            .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
            .header('content-disposition', `attachment; filename="bao-cao-${groupBy}-${from}-${to}.xlsx"`)
            .send(await reportXlsx(report));
        }
        return report;
      },
    );
  };
}
