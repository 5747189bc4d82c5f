import type { stripeEn } from "./stripe_en.ts";

// Online payments settings, Stripe Connect (same ids as stripe_en.ts). A no-break space goes before ":".
export const stripeFr: Record<keyof typeof stripeEn, string> = {
  "settings_nav.payments": "Paiements en ligne",
  "stripe_settings.title": "Paiements en ligne",
  "stripe_settings.intro":
    "Vos clients paient acomptes et factures par carte via Stripe, directement sur le compte Stripe de votre studio.",
  "stripe_settings.off.title": "Les paiements en ligne sont désactivés sur ce serveur",
  "stripe_settings.off.body":
    "L’administrateur du serveur les active en définissant STRIPE_SECRET_KEY et STRIPE_WEBHOOK_SECRET (voir le README) et en dirigeant un webhook Stripe vers {url}. D’ici là, les réservations du portail sont des demandes que votre équipe confirme, et les factures se règlent par les autres moyens.",
  "stripe_settings.account": "Votre compte Stripe",
  "stripe_settings.status": "État",
  "stripe_settings.status.none": "Non connecté",
  "stripe_settings.status.pending":
    "Connecté : Stripe attend encore des informations avant d’accepter des paiements",
  "stripe_settings.status.ready": "Prêt : vos clients peuvent payer en ligne",
  "stripe_settings.account_id": "Compte",
  "stripe_settings.connect": "Se connecter avec Stripe",
  "stripe_settings.continue": "Continuer sur Stripe",
  "stripe_settings.refresh": "Vérifier l’état à nouveau",
  "stripe_settings.connect_hint":
    "Vous renseignez chez Stripe les informations et le compte bancaire du studio, puis revenez ici.",
  "stripe_settings.notice.returned": "Bon retour : l’état ci-dessous est le dernier connu de Stripe.",
  "stripe_settings.notice.link_expired": "Le lien Stripe a expiré. Continuez pour en obtenir un nouveau.",
  "stripe_settings.error.unavailable": "Stripe est injoignable. Réessayez dans un instant.",
  "stripe_settings.error.off": "Les paiements en ligne ne sont pas configurés sur ce serveur.",
};
