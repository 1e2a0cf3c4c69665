/** The lifecycle every long-lived part implements; the node starts them in order, stops in reverse. */
export interface Startable {
  start(): Promise<void>
  stop(): Promise<void>
}
