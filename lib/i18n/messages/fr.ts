import type { MessageId } from "./en.ts";

// French typography: a no-break space (\u00a0) goes before ":" so the colon never starts a line, and
// apostrophes are typographic (’).

/** French text of every message; typed against the English ids so a missing or stray id fails to compile. */
export const fr: Record<MessageId, string> = {
  "app.name": "Recording Studio Manager",

  "nav.main": "Navigation principale",
  "nav.skip": "Aller au contenu",
  "nav.menu": "Menu",
  "nav.coming_soon": "Bientôt disponible",
  "nav.dashboard": "Tableau de bord",
  "nav.calendar": "Agenda",
  "nav.sessions": "Séances",
  "nav.clients": "Clients",
  "nav.rooms": "Salles",
  "nav.engineers": "Ingénieurs du son",
  "nav.gear": "Matériel",
  "nav.quotes": "Devis",
  "nav.invoices": "Factures",
  "nav.payments": "Paiements",
  "nav.projects": "Projets",
  "nav.files": "Fichiers",
  "nav.reports": "Rapports",
  "nav.settings": "Paramètres",
  "nav.sign_out": "Se déconnecter",

  "landing.title": "Le logiciel de gestion tout-en-un des studios d’enregistrement",
  "landing.tagline":
    "Pilotez tout votre studio au même endroit\u00a0: réservations, clients, factures et un portail de réservation que vos artistes adorent.",
  "landing.cta_signup": "Créer votre studio",
  "landing.cta_demo": "Ouvrir le studio de démonstration",
  "landing.cta_signin": "Se connecter",
  "landing.features.heading": "Tout ce qui fait tourner votre studio",
  "landing.features.calendar.title": "Un agenda sans double réservation",
  "landing.features.calendar.body":
    "Salles, ingénieurs et matériel sont vérifiés ensemble\u00a0: un créneau ne peut jamais être réservé deux fois.",
  "landing.features.invoices.title": "Des factures justes au centime près",
  "landing.features.invoices.body":
    "Vos devis deviennent des factures, avec taxes, acomptes et remises calculés au centime près.",
  "landing.features.portal.title": "Un portail de réservation mobile",
  "landing.features.portal.body":
    "Vos artistes choisissent un créneau depuis leur téléphone et versent un acompte pour le confirmer.",
  "landing.features.projects.title": "Projets, titres et partage des droits",
  "landing.features.projects.body":
    "Suivez chaque projet titre par titre et notez la part de chaque ayant droit sur chaque morceau.",
  "landing.features.integrations.title": "Intégrations et flux d’agenda",
  "landing.features.integrations.body":
    "Retrouvez vos séances dans votre application d’agenda préférée et connectez les outils que vous utilisez déjà.",
  "landing.features.security.title": "La sécurité intégrée",
  "landing.features.security.body":
    "Double authentification, authentification unique (SSO) et journal d’audit de chaque modification protègent votre studio.",
  "landing.footer": "Pensé pour les studios où naissent les disques.",

  "shell.section_coming.title": "La section {section} arrive bientôt",
  "shell.section_coming.body":
    "Cette section est encore en construction et n’est pas disponible pour le moment. Elle apparaîtra ici dès qu’elle sera prête.",

  "dashboard.getting_started.title": "Premiers pas",
  "dashboard.getting_started.intro":
    "Quatre étapes mènent votre studio de zéro à sa première séance réservée.",
  "dashboard.step.rooms.title": "Ajoutez vos salles",
  "dashboard.step.rooms.body": "Horaires d’ouverture, tarifs et battement nécessaire entre deux séances.",
  "dashboard.step.engineers.title": "Ajoutez ingénieurs et matériel",
  "dashboard.step.engineers.body": "Qui travaille quand, et ce qui peut être réservé avec une salle.",
  "dashboard.step.clients.title": "Ajoutez votre premier client",
  "dashboard.step.clients.body": "Un artiste, un groupe ou un label, avec ses contacts.",
  "dashboard.step.booking.title": "Réservez une séance",
  "dashboard.step.booking.body": "Salle, ingénieur et matériel ensemble, sans double réservation.",
  "audit.title": "Journal d’audit",
  "audit.intro": "Chaque connexion et modification dans votre studio : qui, quoi, quand et d’où.",
  "audit.export": "Exporter en CSV",
  "audit.filter": "Filtrer",
  "audit.action": "Action",
  "audit.actor": "Personne (id)",
  "audit.entity": "Type d’élément",
  "audit.from": "Du",
  "audit.to": "Au",
  "audit.apply": "Appliquer",
  "audit.when": "Quand",
  "audit.who": "Qui",
  "audit.changes": "Champs modifiés",
  "audit.from_where": "Depuis",
  "audit.empty": "Rien ne correspond encore à ces filtres.",
  "audit.older": "Entrées plus anciennes",
  "nav.audit": "Journal d’audit",
  "auth.sign_in.title": "Connexion à {studio}",
  "auth.sign_in.intro": "Utilisez l’adresse e-mail et le mot de passe de votre compte équipe.",
  "auth.email": "Adresse e-mail",
  "auth.password": "Mot de passe",
  "auth.sign_in.submit": "Se connecter",
  "auth.sign_in.refused": "L’adresse e-mail ou le mot de passe est incorrect.",
  "auth.sign_in.problem": "La connexion n’a pas abouti",
  "auth.sign_up.title": "Créez votre studio",
  "auth.sign_up.intro": "Votre studio a son propre espace et sa propre adresse. Tout se modifie plus tard.",
  "auth.sign_up.studio": "Votre studio",
  "auth.sign_up.you": "Vous, le propriétaire",
  "auth.sign_up.studio_name": "Nom du studio",
  "auth.sign_up.slug": "Adresse",
  "auth.sign_up.slug_hint": "Lettres minuscules, chiffres et tirets ; votre studio sera à {example}.",
  "auth.sign_up.country": "Pays",
  "auth.sign_up.timezone": "Fuseau horaire",
  "auth.sign_up.currency": "Devise",
  "auth.sign_up.owner_name": "Votre nom",
  "auth.sign_up.password_hint":
    "Au moins 12 caractères. Quelques mots sans rapport font un mot de passe solide.",
  "auth.sign_up.submit": "Créer le studio",
  "auth.sign_up.problem": "Certaines informations sont à corriger",
  "auth.choose": "Choisir…",
  "auth.sign_out": "Se déconnecter",
  "auth.signed_in_as": "Connecté en tant que {name}",
  "auth.sign_in.forgot": "Mot de passe oublié ?",
  "auth.back_to_sign_in": "Retour à la connexion",
  "auth.forgot.title": "Réinitialiser votre mot de passe",
  "auth.forgot.intro":
    "Saisissez l’adresse e-mail de votre compte équipe chez {studio}. Nous vous enverrons un lien pour choisir un nouveau mot de passe.",
  "auth.forgot.submit": "Envoyer le lien",
  "auth.forgot.problem": "Le lien n’a pas pu être envoyé",
  "auth.forgot.email_missing": "Saisissez l’adresse e-mail de votre compte.",
  "auth.forgot.sent.title": "Consultez votre boîte de réception",
  "auth.forgot.sent":
    "Si un compte existe pour {email}, nous avons envoyé un lien pour choisir un nouveau mot de passe. Il fonctionne une seule fois, pendant 30 minutes.",
  "auth.forgot.sent.spam":
    "Rien au bout de quelques minutes ? Regardez dans vos indésirables, ou demandez un nouveau lien.",
  "auth.reset.title": "Choisissez un nouveau mot de passe",
  "auth.reset.intro": "Pour {email}. L’enregistrer vous déconnecte de tous vos autres appareils.",
  "auth.reset.new_password": "Nouveau mot de passe",
  "auth.reset.submit": "Enregistrer et se connecter",
  "auth.reset.problem": "Le mot de passe n’a pas pu être enregistré",
  "auth.reset.invalid.title": "Ce lien a expiré ou a déjà servi",
  "auth.reset.invalid.body":
    "Un lien de réinitialisation fonctionne une seule fois, pendant 30 minutes. Demandez-en un nouveau.",
  "auth.reset.request_new": "M’envoyer un nouveau lien",
  "auth.verify.done.title": "Votre adresse e-mail est confirmée",
  "auth.verify.done.body": "Merci : {email} est désormais confirmée pour votre compte.",
  "auth.verify.continue": "Ouvrir le studio",
  "auth.verify.invalid.title": "Ce lien a expiré ou a déjà servi",
  "auth.verify.invalid.body": "Un lien de confirmation fonctionne une seule fois, pendant 24 heures.",
  "auth.verify.already":
    "Votre adresse e-mail {email} est déjà confirmée ; vous n’avez rien d’autre à faire.",

  "mail.greeting": "Bonjour {name},",
  "mail.signature": "Recording Studio Manager",
  "mail.link_fallback": "Si le bouton ne fonctionne pas, copiez cette adresse dans votre navigateur :",
  "mail.reset.subject": "Réinitialisez votre mot de passe pour {studio}",
  "mail.reset.intro":
    "Quelqu’un, vous sans doute, a demandé à réinitialiser le mot de passe de votre compte équipe chez {studio}. Ouvrez ce lien dans les 30 minutes pour en choisir un nouveau :",
  "mail.reset.action": "Choisir un nouveau mot de passe",
  "mail.reset.ignore":
    "Si vous n’êtes pas à l’origine de cette demande, ignorez cet e-mail : votre mot de passe reste inchangé.",
  "mail.verify.subject": "Confirmez votre adresse e-mail pour {studio}",
  "mail.verify.intro":
    "Bienvenue chez {studio}. Confirmez qu’il s’agit bien de votre adresse e-mail en ouvrant ce lien dans les 24 heures :",
  "mail.verify.action": "Confirmer mon adresse e-mail",
  "mail.verify.ignore": "Si vous n’avez pas créé de compte, ignorez cet e-mail.",

  "dev.outbox.title": "Boîte d’envoi",
  "dev.outbox.intro":
    "Développement uniquement. Sans SMTP_URL, les e-mails envoyés par l’application sont conservés ici 7 jours au lieu d’être distribués.",
  "dev.outbox.smtp_hint":
    "Pour distribuer de vrais e-mails, définissez SMTP_URL (par exemple smtps://utilisateur:mot-de-passe@smtp.example.com:465, ou smtp://…:587 pour STARTTLS) et MAIL_FROM, puis redémarrez l’application.",
  "dev.outbox.smtp_on":
    "SMTP_URL est défini : les nouveaux e-mails partent vers {host}. Les anciens messages restent ici jusqu’à leur expiration.",
  "dev.outbox.empty": "Aucun e-mail pour l’instant.",
  "dev.outbox.to": "À",
  "dev.outbox.from": "De",
  "dev.outbox.sent_at": "Envoyé",

  "dashboard.title": "Tableau de bord",
  "dashboard.welcome": "Bienvenue, {name}",
  "dashboard.sessions_today":
    "{count, plural, =0 {Aucune séance aujourd’hui} one {# séance aujourd’hui} other {# séances aujourd’hui}}",

  "error.not_found.title": "Page introuvable",
  "error.not_found.body": "La page que vous cherchez n’existe pas ou a été déplacée.",
  "error.server.title": "Une erreur est survenue",
  "error.server.body":
    "Une erreur inattendue s’est produite de notre côté. Réessayez et, si le problème persiste, contactez le support. Référence\u00a0: {requestId}",
  "error.forbidden.title": "Accès refusé",
  "error.forbidden.body":
    "Vous n’avez pas l’autorisation d’afficher cette page. Demandez l’accès à un administrateur du studio.",
  "error.unauthorized.title": "Connexion requise",
  "error.unauthorized.body": "Connectez-vous pour continuer.",
  "error.validation.title": "Certains champs sont à corriger",
  "error.validation.body":
    "La demande n’a pas pu être acceptée telle quelle. Revenez en arrière, corrigez-la et réessayez.",
  "error.method_not_allowed.title": "Cette action n’est pas disponible ici",
  "error.method_not_allowed.body": "La page existe, mais pas pour ce type de requête.",
  "error.conflict.title": "Cette modification entre en conflit avec des données existantes",
  "error.conflict.body": "Quelqu’un l’a peut-être modifiée en même temps. Rechargez la page et réessayez.",
  "error.rate_limited.title": "Trop de requêtes",
  "error.rate_limited.body": "Réessayez dans {seconds, plural, one {# seconde} other {# secondes}}.",
  "error.back_home": "Retour à l’accueil",
  "studio.unknown.title": "Aucun studio ici",
  "studio.unknown.body":
    "Aucun studio n’existe à cette adresse. Vérifiez le lien reçu ou demandez au studio l’adresse de sa page de réservation.",
  "studio.suspended.title": "Ce studio est indisponible",
  "studio.suspended.body":
    "Le compte de ce studio est suspendu pour le moment. Si vous y travaillez, contactez le support ; si vous êtes client, contactez directement le studio.",
  "studio.provisioning.title": "Ce studio est en cours de création",
  "studio.provisioning.body": "Il sera prêt dans quelques instants. Rechargez cette page d’ici peu.",

  "common.save": "Enregistrer",
  "common.cancel": "Annuler",
  "common.close": "Fermer",
  "common.delete": "Supprimer",
  "common.edit": "Modifier",
  "common.create": "Créer",
  "common.search": "Rechercher",
  "common.back": "Retour",
  "common.loading": "Chargement…",
  "common.required": "Obligatoire",
  "common.optional": "Facultatif",
  "common.yes": "Oui",
  "common.no": "Non",
  "common.actions": "Actions",
  "common.dismiss": "Masquer",
  "common.language": "Langue",

  "form.error.summary": "Veuillez corriger les champs signalés.",
};
