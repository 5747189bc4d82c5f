import type { portalAccountEn } from "./portal_account_en.ts";

// French text of the portal's payments, profile, sign-in e-mail and password pages.
export const portalAccountFr: Record<keyof typeof portalAccountEn, string> = {
  "portal_account.nav.payments": "Paiements",
  "portal_account.nav.profile": "Profil",

  "portal_account.payments.title": "Vos paiements",
  "portal_account.payments.intro":
    "Paiements et remboursements, du plus récent au plus ancien. Les dates sont celles du studio ({zone}).",
  "portal_account.payments.empty": "Aucun paiement pour l’instant.",
  "portal_account.payments.date": "Date",
  "portal_account.payments.method": "Moyen",
  "portal_account.payments.invoice": "Facture",
  "portal_account.payments.amount": "Montant",
  "portal_account.payments.refund": "Remboursement",
  "portal_account.payments.on_account": "En avoir",
  "portal_account.payments.totals": "Payé, remboursements déduits",
  "portal_account.payments.more":
    "Seuls les {count} derniers paiements sont affichés ; demandez les plus anciens au studio.",
  "portal_account.payments.credit_hint":
    "«\u00a0Sur votre avoir\u00a0» utilise de l’argent déjà payé\u00a0: les totaux ne le comptent qu’une fois.",
  "portal_account.method.cash": "Espèces",
  "portal_account.method.transfer": "Virement",
  "portal_account.method.card": "Carte au studio",
  "portal_account.method.cheque": "Chèque",
  "portal_account.method.other": "Autre",
  "portal_account.method.credit": "Sur votre avoir",
  "portal_account.method.stripe": "Carte en ligne",

  "portal_account.profile.title": "Votre profil",
  "portal_account.profile.details": "Coordonnées",
  "portal_account.profile.name": "Nom",
  "portal_account.profile.artist_name": "Nom d’artiste",
  "portal_account.profile.phone": "Téléphone",
  "portal_account.profile.address_first": "Adresse",
  "portal_account.profile.address_second": "Adresse (ligne 2)",
  "portal_account.profile.postal_code": "Code postal",
  "portal_account.profile.city": "Ville",
  "portal_account.profile.region": "État ou région",
  "portal_account.profile.country": "Pays",
  "portal_account.profile.choose_country": "Choisissez un pays…",
  "portal_account.profile.locale": "Langue du portail et de vos e-mails",
  "portal_account.profile.locale_default":
    "Non choisie (e-mails dans la langue du studio, portail dans celle de votre navigateur)",
  "portal_account.profile.save": "Enregistrer mes coordonnées",
  "portal_account.profile.saved": "Vos coordonnées sont enregistrées.",
  "portal_account.profile.stale":
    "Vos coordonnées ont été modifiées ailleurs depuis l’ouverture de cette page. Les voici à jour\u00a0: refaites votre modification.",
  "portal_account.profile.problem": "Vérifiez ces champs",

  "portal_account.email.title": "E-mail de connexion",
  "portal_account.email.current": "Vous vous connectez avec {email}.",
  "portal_account.email.new": "Nouvelle adresse e-mail",
  "portal_account.email.hint":
    "Nous envoyons un lien à la nouvelle adresse. Votre e-mail de connexion change quand vous l’ouvrez, dans les 15 minutes.",
  "portal_account.email.submit": "Envoyer un lien de confirmation",
  "portal_account.email.sent":
    "Si {email} peut être utilisée, un lien de confirmation y est envoyé. Votre e-mail de connexion change quand vous l’ouvrez.",
  "portal_account.email.same": "C’est déjà votre e-mail de connexion.",
  "portal_account.email.changed": "Votre e-mail de connexion est désormais {email}.",
  "portal_account.email_confirm.title": "Confirmez votre nouvel e-mail de connexion",
  "portal_account.email_confirm.intro":
    "Appuyez sur le bouton pour vous connecter désormais avec cette adresse.",
  "portal_account.email_confirm.submit": "Confirmer la nouvelle adresse",
  "portal_account.email_confirm.invalid":
    "Ce lien a déjà servi, a expiré ou a été envoyé pour un autre compte. Demandez-en un nouveau depuis votre profil.",
  "portal_account.email_confirm.taken":
    "Cette adresse sert désormais à un autre compte. Choisissez-en une autre.",
  "portal_account.email_confirm.back": "Retour à votre profil",

  "portal_account.mail.change.subject": "Confirmez votre nouvel e-mail pour {studio}",
  "portal_account.mail.change.intro":
    "Ouvrez ce lien pour vous connecter désormais à l’espace client de {studio} avec cette adresse. Il ne sert qu’une fois, pendant 15 minutes, sur l’appareil où vous l’avez demandé.",
  "portal_account.mail.change.action": "Confirmer cette adresse",
  "portal_account.mail.change.ignore":
    "Si vous n’êtes pas à l’origine de cette demande, ignorez cet e-mail\u00a0: rien ne change sans le lien.",
  "portal_account.mail.changed.subject": "Votre e-mail de connexion pour {studio} a changé",
  "portal_account.mail.changed.body":
    "Votre e-mail de connexion à l’espace client est désormais {email}. Si vous n’êtes pas à l’origine de ce changement, contactez {studio} sans attendre.",

  "portal_account.password.title": "Mot de passe",
  "portal_account.password.none":
    "Vous vous connectez avec un lien envoyé par e-mail. Vous pouvez aussi choisir un mot de passe pour vous connecter sans attendre un e-mail.",
  "portal_account.password.has":
    "Vous pouvez vous connecter avec votre mot de passe ou avec un lien envoyé par e-mail.",
  "portal_account.password.new": "Nouveau mot de passe",
  "portal_account.password.confirm": "Répétez le mot de passe",
  "portal_account.password.hint":
    "Au moins 12 caractères ; quelques mots sans rapport font un bon mot de passe.",
  "portal_account.password.set_submit": "Définir le mot de passe",
  "portal_account.password.change_submit": "Changer le mot de passe",
  "portal_account.password.remove": "Supprimer le mot de passe",
  "portal_account.password.set": "Votre mot de passe est défini.",
  "portal_account.password.changed": "Votre mot de passe est changé.",
  "portal_account.password.removed":
    "Votre mot de passe est supprimé\u00a0: connectez-vous avec un lien envoyé par e-mail.",
  "portal_account.password.too_short":
    "Utilisez au moins 12 caractères ; quelques mots sans rapport font un mot de passe long et facile à retenir.",
  "portal_account.password.too_long": "Utilisez au plus 256 caractères.",
  "portal_account.password.contains_email": "Votre mot de passe ne doit pas contenir votre adresse e-mail.",
  "portal_account.password.contains_name": "Votre mot de passe ne doit pas contenir votre nom.",
  "portal_account.password.common":
    "Ce mot de passe fait partie des plus courants, que les attaquants essaient en premier ; choisissez-en un moins prévisible.",
  "portal_account.password.predictable":
    "Les caractères répétés ou qui se suivent sont devinés aussitôt ; choisissez un mot de passe moins prévisible.",
  "portal_account.password.weak": "Choisissez un mot de passe plus solide.",
  "portal_account.password.mismatch": "Les deux mots de passe diffèrent\u00a0: tapez deux fois le même.",

  "portal_account.sign_in.password_title": "Ou connectez-vous avec votre mot de passe",
  "portal_account.sign_in.password_intro": "Si vous avez choisi un mot de passe dans votre profil.",
  "portal_account.sign_in.password": "Mot de passe",
  "portal_account.sign_in.submit": "Se connecter",
  "portal_account.sign_in.refused": "L’e-mail ou le mot de passe n’est pas correct.",
};
