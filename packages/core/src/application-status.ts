/**
 * The statuses of an application (hồ sơ) as the national public-service system numbers them, as
 * one vocabulary: the words the code uses, the national number, and the names in Vietnamese and English.
 */
export const APPLICATION_STATUSES = ['registered', 'received', 'refused', 'processing', 'awaiting_documents', 'awaiting_payment', 'withdrawn', 'stopped', 'processed', 'returned'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

export const APPLICATION_STATUS_INFO: Readonly<Record<ApplicationStatus, { code: number; vi: string; en: string }>> = {
  registered: { code: 1, vi: 'Mới đăng ký', en: 'Registered' },
  received: { code: 2, vi: 'Được tiếp nhận', en: 'Received' },
  refused: { code: 3, vi: 'Không được tiếp nhận', en: 'Not received' },
  processing: { code: 4, vi: 'Đang xử lý', en: 'Being processed' },
  awaiting_documents: { code: 5, vi: 'Yêu cầu bổ sung giấy tờ', en: 'Documents requested' },
  awaiting_payment: { code: 6, vi: 'Yêu cầu thực hiện nghĩa vụ tài chính', en: 'Fees or taxes requested' },
  withdrawn: { code: 7, vi: 'Công dân yêu cầu rút hồ sơ', en: 'Withdrawn by the citizen' },
  stopped: { code: 8, vi: 'Dừng xử lý', en: 'Processing stopped' },
  processed: { code: 9, vi: 'Đã xử lý xong', en: 'Processed' },
  returned: { code: 10, vi: 'Đã trả kết quả', en: 'Result returned' },
};

/** The status of a national number (1..10), or undefined. */
export function applicationStatusOfCode(code: number): ApplicationStatus | undefined {
  return APPLICATION_STATUSES.find((status) => APPLICATION_STATUS_INFO[status].code === code);
}

/**
 * The allowed moves (national numbers in brackets):
 *
 *   registered (1)  → received (2) | refused (3) | withdrawn (7)
 *   received (2)    → processing (4) | awaiting_documents (5) | awaiting_payment (6) | withdrawn (7) | stopped (8)
 *   processing (4)  → awaiting_documents (5) | awaiting_payment (6) | withdrawn (7) | stopped (8) | processed (9)
 *   awaiting_documents (5), awaiting_payment (6) → processing (4) | withdrawn (7) | stopped (8)
 *   processed (9)   → returned (10)
 *   refused (3), withdrawn (7), stopped (8), returned (10): final
 *
 * Choices beyond the national list of statuses:
 * - 1 → 7: a citizen may take back an online registration before the centre has received it; the
 *   national system records that as a withdrawal, not as a refusal by the centre (3 is the centre's
 *   decision, and it counts in the on-time figures, a withdrawal does not).
 * - 2 → 9 is not allowed: an application answered on the spot still passes through 4 (two moves at
 *   the same instant), so every processed application has a "being processed" step in its history.
 * - 5 → 6 and 6 → 5 are not allowed: the officer resumes processing (4) before asking for something
 *   else, so each wait for the citizen is its own pause with its own end.
 * - 9 → 7 is not allowed: once processed the result exists; the citizen may decline to collect it,
 *   which stays at 9 (it is kept for them) and is never a withdrawal.
 */
const MOVES: Readonly<Record<ApplicationStatus, readonly ApplicationStatus[]>> = {
  registered: ['received', 'refused', 'withdrawn'],
  received: ['processing', 'awaiting_documents', 'awaiting_payment', 'withdrawn', 'stopped'],
  refused: [],
  processing: ['awaiting_documents', 'awaiting_payment', 'withdrawn', 'stopped', 'processed'],
  awaiting_documents: ['processing', 'withdrawn', 'stopped'],
  awaiting_payment: ['processing', 'withdrawn', 'stopped'],
  withdrawn: [],
  stopped: [],
  processed: ['returned'],
  returned: [],
};

export function canMove(from: ApplicationStatus, to: ApplicationStatus): boolean {
  return MOVES[from].includes(to);
}

/** Where an application may go from a status (empty for a final one). */
export function nextStatuses(from: ApplicationStatus): readonly ApplicationStatus[] {
  return MOVES[from];
}

export function isFinalStatus(status: ApplicationStatus): boolean {
  return MOVES[status].length === 0;
}

/** Waiting for the citizen (documents, fees): the processing clock stands still. */
export const PAUSING_STATUSES: readonly ApplicationStatus[] = ['awaiting_documents', 'awaiting_payment'];

export function pausesTheClock(status: ApplicationStatus): boolean {
  return PAUSING_STATUSES.includes(status);
}

/**
 * The statuses that end the centre's handling for the on-time figures: refused (3), stopped (8),
 * processed (9), returned (10). A withdrawal (7) is the citizen's choice and is not judged.
 */
export const HANDLED_STATUSES: readonly ApplicationStatus[] = ['refused', 'stopped', 'processed', 'returned'];
