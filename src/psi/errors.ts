import { Status } from './enums.ts'

/**
 * A PSI refusal or fault. The decisions callers make about it live on the class: the status it
 * travels as on the wire, whether trying again can help, and a stable code for counters.
 */
export abstract class PsiError extends Error {
  abstract readonly code: string
  abstract readonly status: Status
  /** True when trying again later can succeed (the peer is still working, or will have our list). */
  readonly retryable: boolean = false
}

/** A member's element budget for the epoch and mode would be exceeded: nothing was raised. */
export class BudgetExceededError extends PsiError {
  override name = 'BudgetExceededError'
  readonly code = 'budget_exceeded'
  readonly status = Status.BudgetExceeded
}

/** A list we were asked about is not one we know (yet): ask again after it was announced. */
export class UnknownListError extends PsiError {
  override name = 'UnknownListError'
  readonly code = 'unknown_list'
  readonly status = Status.UnknownList
  override readonly retryable = true
}

/** A message of an epoch whose scalar we do not hold (too old, or not yet). */
export class UnknownEpochError extends PsiError {
  override name = 'UnknownEpochError'
  readonly code = 'unknown_epoch'
  readonly status = Status.UnknownEpoch
  override readonly retryable = true
}

/** The member has not raised our list yet: ask again shortly. */
export class PendingError extends PsiError {
  override name = 'PendingError'
  readonly code = 'pending'
  readonly status = Status.Pending
  override readonly retryable = true
}

/** A list over the size we accept. */
export class OversizeError extends PsiError {
  override name = 'OversizeError'
  readonly code = 'too_large'
  readonly status = Status.TooLarge
}

/** A malformed request, response or list. */
export class BadMessageError extends PsiError {
  override name = 'BadMessageError'
  readonly code = 'bad_message'
  readonly status = Status.BadRequest
}

/** A member speaks another PSI suite. */
export class WrongSuiteError extends PsiError {
  override name = 'WrongSuiteError'
  readonly code = 'wrong_suite'
  readonly status = Status.WrongSuite
  constructor(theirs: string, ours: string) {
    super(`member speaks PSI suite "${theirs}"; this node speaks "${ours}"`)
  }
}

const BY_STATUS: Record<number, new (message: string) => PsiError> = {
  [Status.BudgetExceeded]: BudgetExceededError,
  [Status.UnknownList]: UnknownListError,
  [Status.UnknownEpoch]: UnknownEpochError,
  [Status.Pending]: PendingError,
  [Status.TooLarge]: OversizeError,
  [Status.BadRequest]: BadMessageError,
}

/** The error a peer's non-OK status stands for. */
export function errorOfStatus(status: Status, message: string): PsiError {
  if (status === Status.WrongSuite) return new WrongSuiteError(message, '?')
  const ErrorClass = BY_STATUS[status] ?? BadMessageError
  return new ErrorClass(message || `peer answered ${Status[status] ?? status}`)
}
