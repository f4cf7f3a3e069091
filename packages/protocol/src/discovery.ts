/**
 * How a hub announces itself on the centre's LAN with mDNS/DNS-SD, and how a station with no hub
 * URL configured finds it: the service type and the keys of its TXT record, declared once for the
 * hub (which announces) and the stations (which browse).
 */

/** DNS-SD service type without its leading underscore and protocol: `_qms._tcp.local`. */
export const HUB_SERVICE_TYPE = 'qms';
export const HUB_SERVICE_PROTOCOL = 'tcp';

/** The keys of the hub's TXT record. */
export const HUB_TXT = {
  /** Version of the TXT record's layout (DNS-SD's convention). */
  txtVersion: 'txtvers',
  /** A stable id of the hub, kept in its data folder: the same hub across restarts and address changes. */
  id: 'id',
  /** The centre's name as set on the hub (empty when not set). */
  name: 'name',
  /** The hub's version. */
  version: 'version',
  /** The path of the hub's health endpoint, which a station asks before it takes the hub. */
  health: 'health',
} as const;

/** The hub's TXT record, as announced and as read back by a station. */
export type HubTxt = Record<(typeof HUB_TXT)[keyof typeof HUB_TXT], string>;

/** The hub's health endpoint (GET, public): what the TXT record's `health` key says by default. */
export const HUB_HEALTH_PATH = '/api/health';
