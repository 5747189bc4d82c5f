import type { portalPolicyEn } from "./portal_policy_en.ts";

// French typography: a no-break space (\u00a0) goes before ":" and "%"; apostrophes are typographic (’).
export const portalPolicyFr: Record<keyof typeof portalPolicyEn, string> = {
  "portal_policy.deposit.none": "Aucun acompte n’est demandé à la réservation.",
  "portal_policy.deposit.percent": "Acompte\u00a0: {percent}\u00a0% du prix, payé à la réservation.",
  "portal_policy.deposit.percent_amount":
    "Acompte\u00a0: {amount} ({percent}\u00a0% du prix), payé à la réservation.",
  "portal_policy.deposit.flat": "Acompte\u00a0: {amount}, payé à la réservation.",
  "portal_policy.deposit.greater":
    "Acompte\u00a0: {percent}\u00a0% du prix ou {flat}, le plus élevé des deux, payé à la réservation.",
  "portal_policy.deposit.greater_amount":
    "Acompte\u00a0: {amount} ({percent}\u00a0% du prix ou {flat}, le plus élevé des deux), payé à la réservation.",
  "portal_policy.window.always": "En cas d’annulation\u00a0: {outcome}.",
  "portal_policy.window.at_least": "Annulation {hours}\u00a0h ou plus avant le début\u00a0: {outcome}.",
  "portal_policy.window.between":
    "Annulation entre {from}\u00a0h et {to}\u00a0h avant le début\u00a0: {outcome}.",
  "portal_policy.window.less_than":
    "Annulation moins de {hours}\u00a0h avant le début, ou après\u00a0: {outcome}.",
  "portal_policy.outcome.full_refund": "remboursement intégral de ce que vous avez payé",
  "portal_policy.outcome.deposit_kept":
    "l’acompte est conservé, le reste de ce que vous avez payé est remboursé",
  "portal_policy.outcome.deposit_kept_amount":
    "l’acompte ({amount}) est conservé, le reste de ce que vous avez payé est remboursé",
  "portal_policy.outcome.full_charge": "le prix total est dû",
  "portal_policy.outcome.full_charge_amount": "le prix total ({amount}) est dû",
  "portal_policy.reschedule.never":
    "Un acompte payé n’est pas reporté sur une autre date en cas de changement.",
  "portal_policy.reschedule.allowed":
    "Changez de date {hours}\u00a0h ou plus avant le début et votre acompte est reporté sur la nouvelle date ({count, plural, one {une fois} other {jusqu’à # fois}}).",
};
