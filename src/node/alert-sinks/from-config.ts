import type { AlertsConfig } from '../alert-options.ts'
import type { AlertDestination } from './destination.ts'
import { AlertFileDestination } from './file.ts'
import { SyslogDestination } from './syslog.ts'
import { WebhookDestination } from './webhook.ts'

/** The destinations config `alerts` names: webhooks, then the file, then syslog receivers. */
export function alertDestinations(alerts: AlertsConfig | undefined): AlertDestination[] {
  if (alerts === undefined) return []
  return [
    ...alerts.webhooks.map((w) => new WebhookDestination(w)),
    ...(alerts.file === undefined ? [] : [new AlertFileDestination({ path: alerts.file })]),
    ...alerts.syslog.map((s) => new SyslogDestination(s)),
  ]
}
