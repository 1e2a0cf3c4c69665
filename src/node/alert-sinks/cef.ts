import { hostname } from 'node:os'
import type { Tlp } from '../../indicators/tlp.ts'
import type { Alert } from '../../store/repositories.ts'
import { SIGHTLINE_VERSION } from '../version.ts'

/**
 * CEF severity (0-10) by the indicator's TLP: the more restricted the indicator, the more a
 * match of it says (someone else holds what we keep close).
 */
export const CEF_SEVERITY: Record<Tlp, number> = { clear: 3, green: 4, amber: 6, 'amber+strict': 7, red: 8 }

/** CEF header fields escape backslash and pipe; a line break would end the event, so it becomes a space. */
export function cefHeaderEscape(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/\r\n|[\r\n]/g, ' ')
}

/** CEF extension values escape backslash and equals sign, and write line breaks as `\n` and `\r`. */
export function cefValueEscape(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/=/g, '\\=').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
}

/**
 * One alert as a CEF:0 event (ArcSight "Implementing ArcSight CEF" rev. 25):
 * `CEF:0|Sightline|Sightline|<version>|match|Sightline match|<severity>|<extension>`.
 * Extension keys are the standard ones; what has no standard key goes into labelled custom strings.
 */
export function cefEvent(alert: Alert, version = SIGHTLINE_VERSION): string {
  const m = alert.match
  const header = ['CEF:0', 'Sightline', 'Sightline', version, 'match', 'Sightline match', String(CEF_SEVERITY[m.tlp])]
  const fields: [string, string][] = [
    ['rt', String(Date.parse(m.matchedAt))],
    ['externalId', alert.id],
    ['cn1Label', 'seq'],
    ['cn1', String(alert.seq)],
    ['cs1Label', 'indicatorType'],
    ['cs1', m.type],
    ['cs2Label', 'indicatorValue'],
    ['cs2', m.value],
    ['cs3Label', 'tlp'],
    ['cs3', m.tlp],
    ['cs4Label', 'peerOrganization'],
    ['cs4', m.organization],
    ['cs5Label', 'peerId'],
    ['cs5', m.peer],
    ['cs6Label', 'matchMode'],
    ['cs6', m.mode],
    ['msg', `${m.organization} also holds ${m.type} ${m.value}`],
  ]
  const extension = fields.map(([key, value]) => `${key}=${cefValueEscape(value)}`).join(' ')
  return `${header.map((h, i) => (i === 0 ? h : cefHeaderEscape(h))).join('|')}|${extension}`
}

/** Syslog severity (RFC 5424 section 6.2.1) by TLP: notice for shareable, warning for protected, error for RED. */
const SYSLOG_SEVERITY: Record<Tlp, number> = { clear: 5, green: 5, amber: 4, 'amber+strict': 4, red: 3 }

/**
 * An RFC 5424 syslog message carrying `msg`: `<PRI>1 TIMESTAMP HOST sightline PID match - MSG`.
 * No BOM before the message: CEF parsers expect `CEF:` first. Header fields are printable ASCII
 * without spaces (section 6.2), so the host name is cut to that.
 */
export function syslog5424(msg: string, options: { facility: number; tlp: Tlp; time: number; host?: string }): string {
  const pri = options.facility * 8 + SYSLOG_SEVERITY[options.tlp]
  const host = (options.host ?? hostname()).replace(/[^\x21-\x7e]/g, '').slice(0, 255) || '-'
  return `<${pri}>1 ${new Date(options.time).toISOString()} ${host} sightline ${process.pid} match - ${msg}`
}
