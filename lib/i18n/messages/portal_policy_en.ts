// The booking policy as clients read it before confirming (lib/portal/policy.ts describePolicy).
// portal_policy_fr.ts mirrors these ids.
export const portalPolicyEn = {
  "portal_policy.deposit.none": "No deposit is taken when you book.",
  "portal_policy.deposit.percent": "Deposit: {percent} % of the price, paid when you book.",
  "portal_policy.deposit.percent_amount": "Deposit: {amount} ({percent} % of the price), paid when you book.",
  "portal_policy.deposit.flat": "Deposit: {amount}, paid when you book.",
  "portal_policy.deposit.greater":
    "Deposit: {percent} % of the price or {flat}, whichever is more, paid when you book.",
  "portal_policy.deposit.greater_amount":
    "Deposit: {amount} ({percent} % of the price or {flat}, whichever is more), paid when you book.",
  "portal_policy.window.always": "If you cancel: {outcome}.",
  "portal_policy.window.at_least": "Cancel {hours} h or more before the start: {outcome}.",
  "portal_policy.window.between": "Cancel between {from} h and {to} h before the start: {outcome}.",
  "portal_policy.window.less_than": "Cancel less than {hours} h before the start, or after it: {outcome}.",
  "portal_policy.outcome.full_refund": "full refund of what you paid",
  "portal_policy.outcome.deposit_kept": "the deposit is kept, the rest of what you paid is refunded",
  "portal_policy.outcome.deposit_kept_amount":
    "the deposit ({amount}) is kept, the rest of what you paid is refunded",
  "portal_policy.outcome.full_charge": "the full price is due",
  "portal_policy.outcome.full_charge_amount": "the full price ({amount}) is due",
  "portal_policy.reschedule.never": "A paid deposit does not move to another date if you reschedule.",
  "portal_policy.reschedule.allowed":
    "Reschedule {hours} h or more before the start and your deposit moves to the new date ({count, plural, one {once} other {up to # times}}).",
} as const;
