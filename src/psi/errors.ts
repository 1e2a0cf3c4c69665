/** A peer asked for more evaluations than its quota for the epoch allows. */
export class QuotaExceededError extends Error {
  override name = 'QuotaExceededError'
}

/** A peer that published no digest for the epoch asked us to evaluate (reciprocity). */
export class NotReciprocalError extends Error {
  override name = 'NotReciprocalError'
}

/** A request or digest for an epoch whose key we do not hold (too old, or not yet). */
export class UnknownEpochError extends Error {
  override name = 'UnknownEpochError'
}

/** A request over the batch limit, or a digest over the size cap. */
export class OversizeError extends Error {
  override name = 'OversizeError'
}

/** A malformed request or response. */
export class BadMessageError extends Error {
  override name = 'BadMessageError'
}
