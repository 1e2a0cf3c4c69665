/** Wire enums of proto/psi.proto (kept apart so errors.ts and messages.ts can both use them). */
export enum Mode {
  Items = 0,
  Count = 1,
}

export enum Status {
  Ok = 0,
  BudgetExceeded = 1,
  UnknownList = 2,
  UnknownEpoch = 3,
  BadRequest = 4,
  TooLarge = 5,
  Pending = 6,
  WrongSuite = 7,
}
