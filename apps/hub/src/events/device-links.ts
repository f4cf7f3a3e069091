/** Is a station linked to the hub now, and since when has it not been. */
export interface DeviceLiveness {
  connected: boolean;
  /** ISO instant: its last live link closed then, or the hub started then and it has not linked since; null while linked. */
  disconnectedAt: string | null;
}

/**
 * The stations' live links (their event WebSockets), by device. Kept on the main thread only and
 * never stored: after a restart every station counts as gone since the hub's start until it links
 * again. `changed` is told whenever a device gains its first link or loses its last one.
 */
export class DeviceLinks<Link> {
  private readonly live = new Map<number, Set<Link>>();
  private readonly lostAt = new Map<number, string>();
  private readonly startedAt: string;

  constructor(
    private readonly now: () => Date,
    private readonly changed: () => void,
  ) {
    this.startedAt = now().toISOString();
  }

  add(deviceId: number, link: Link): void {
    const links = this.live.get(deviceId) ?? new Set<Link>();
    links.add(link);
    this.live.set(deviceId, links);
    if (links.size === 1) {
      this.lostAt.delete(deviceId);
      this.changed();
    }
  }

  remove(deviceId: number, link: Link): void {
    const links = this.live.get(deviceId);
    if (!links?.delete(link)) return;
    if (links.size > 0) return;
    this.live.delete(deviceId);
    this.lostAt.set(deviceId, this.now().toISOString());
    this.changed();
  }

  liveness(deviceId: number): DeviceLiveness {
    if (this.live.has(deviceId)) return { connected: true, disconnectedAt: null };
    return { connected: false, disconnectedAt: this.lostAt.get(deviceId) ?? this.startedAt };
  }

  /** The device's most recent link that `accepts`, if any. */
  newest(deviceId: number, accepts: (link: Link) => boolean): Link | undefined {
    let found: Link | undefined;
    for (const link of this.live.get(deviceId) ?? []) if (accepts(link)) found = link;
    return found;
  }
}
