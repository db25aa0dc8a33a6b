"""Real translations of the demo KB (issue 8, item 5), made the way translators make them: a
wagtail-localize Translation per page and language, each source segment given its translated
string, then published. Segments not listed here (code, slugs) keep the source text."""

from wagtail.models import Locale, Page, Site
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource

from .models import KBArticlePage, KBCategoryPage, KBSectionPage, KnowledgeBasePage

LANGUAGES = ("de", "fr", "es", "it")

# English source string → (de, fr, es, it)
STRINGS = {
    # The portals' home pages
    "Service Portal": (
        "Serviceportal",
        "Portail de services",
        "Portal de servicios",
        "Portale dei servizi",
    ),
    "How can we help you today?": (
        "Wie können wir Ihnen heute helfen?",
        "Comment pouvons-nous vous aider aujourd'hui ?",
        "¿Cómo podemos ayudarle hoy?",
        "Come possiamo aiutarLa oggi?",
    ),
    "Open and follow your support tickets, and find answers in our knowledge base.": (
        "Eröffnen und verfolgen Sie Ihre Support-Tickets und finden Sie Antworten in unserer "
        "Wissensdatenbank.",
        "Ouvrez et suivez vos tickets d'assistance et trouvez des réponses dans notre base de "
        "connaissances.",
        "Abra y siga sus tickets de soporte y encuentre respuestas en nuestra base de "
        "conocimiento.",
        "Apra e segua i Suoi ticket di assistenza e trovi risposte nella nostra base di "
        "conoscenza.",
    ),
    "Initech Support": (
        "Initech-Support",
        "Assistance Initech",
        "Soporte de Initech",
        "Assistenza Initech",
    ),
    "The help desk for Initech staff.": (
        "Der Helpdesk für die Mitarbeitenden von Initech.",
        "Le service d'assistance du personnel d'Initech.",
        "El servicio de asistencia para el personal de Initech.",
        "L'help desk per il personale di Initech.",
    ),
    # The KB root, categories and sections
    "Knowledge base": (
        "Wissensdatenbank",
        "Base de connaissances",
        "Base de conocimiento",
        "Base di conoscenza",
    ),
    "Getting started": ("Erste Schritte", "Premiers pas", "Primeros pasos", "Primi passi"),
    "Network and VPN": ("Netzwerk und VPN", "Réseau et VPN", "Red y VPN", "Rete e VPN"),
    "Devices and software": (
        "Geräte und Software",
        "Appareils et logiciels",
        "Dispositivos y software",
        "Dispositivi e software",
    ),
    "Initech basics": (
        "Initech-Grundlagen",
        "Les bases d'Initech",
        "Conceptos básicos de Initech",
        "Nozioni di base su Initech",
    ),
    "Accounts and access": (
        "Konten und Zugang",
        "Comptes et accès",
        "Cuentas y acceso",
        "Account e accesso",
    ),
    "Your first ticket": (
        "Ihr erstes Ticket",
        "Votre premier ticket",
        "Su primer ticket",
        "Il Suo primo ticket",
    ),
    "VPN": ("VPN", "VPN", "VPN", "VPN"),
    "Wi-Fi": ("WLAN", "Wi-Fi", "Wi-Fi", "Wi-Fi"),
    "Acme gateways": (
        "Acme-Gateways",
        "Passerelles Acme",
        "Puertas de enlace de Acme",
        "Gateway Acme",
    ),
    "Printers": ("Drucker", "Imprimantes", "Impresoras", "Stampanti"),
    "E-mail and calendar": (
        "E-Mail und Kalender",
        "E-mail et calendrier",
        "Correo electrónico y calendario",
        "E-mail e calendario",
    ),
    "TPS reports": ("TPS-Berichte", "Rapports TPS", "Informes TPS", "Report TPS"),
    # Article titles
    "Log in to the service portal": (
        "Beim Serviceportal anmelden",
        "Se connecter au portail de service",
        "Iniciar sesión en el portal de servicio",
        "Accedere al portale di servizio",
    ),
    "Reset your password": (
        "Passwort zurücksetzen",
        "Réinitialiser votre mot de passe",
        "Restablecer su contraseña",
        "Reimpostare la password",
    ),
    "Change the portal language": (
        "Sprache des Portals ändern",
        "Changer la langue du portail",
        "Cambiar el idioma del portal",
        "Cambiare la lingua del portale",
    ),
    "Connect to the VPN": (
        "Mit dem VPN verbinden",
        "Se connecter au VPN",
        "Conectarse a la VPN",
        "Connettersi alla VPN",
    ),
    "Join the office Wi-Fi": (
        "Mit dem Büro-WLAN verbinden",
        "Se connecter au Wi-Fi du bureau",
        "Conectarse al Wi-Fi de la oficina",
        "Connettersi al Wi-Fi dell'ufficio",
    ),
    "Follow and answer a ticket": (
        "Ein Ticket verfolgen und beantworten",
        "Suivre un ticket et y répondre",
        "Seguir y responder un ticket",
        "Seguire e rispondere a un ticket",
    ),
    # Summaries
    "Your first login with the e-mail address and password you received.": (
        "Ihre erste Anmeldung mit der E-Mail-Adresse und dem Passwort, die Sie erhalten haben.",
        "Votre première connexion avec l'adresse e-mail et le mot de passe que vous avez reçus.",
        "Su primer inicio de sesión con la dirección de correo electrónico y la contraseña "
        "que ha recibido.",
        "Il primo accesso con l'indirizzo e-mail e la password che ha ricevuto.",
    ),
    "Get a reset code by e-mail and choose a new password.": (
        "Fordern Sie einen Code zum Zurücksetzen per E-Mail an und wählen Sie ein neues Passwort.",
        "Recevez un code de réinitialisation par e-mail et choisissez un nouveau mot de passe.",
        "Reciba un código de restablecimiento por correo electrónico y elija una contraseña nueva.",
        "Riceva un codice di reimpostazione via e-mail e scelga una nuova password.",
    ),
    "Pick English, Français, Deutsch, Español or Italiano in App settings.": (
        "Wählen Sie in den App-Einstellungen English, Français, Deutsch, Español oder Italiano.",
        "Choisissez English, Français, Deutsch, Español ou Italiano dans les paramètres de "
        "l'application.",
        "Elija English, Français, Deutsch, Español o Italiano en la configuración de la "
        "aplicación.",
        "Scelga English, Français, Deutsch, Español o Italiano nelle impostazioni dell'app.",
    ),
    "Install the VPN client and connect from home.": (
        "Installieren Sie den VPN-Client und verbinden Sie sich von zu Hause aus.",
        "Installez le client VPN et connectez-vous depuis chez vous.",
        "Instale el cliente VPN y conéctese desde casa.",
        "Installi il client VPN e si connetta da casa.",
    ),
    "Use your portal credentials on the staff network.": (
        "Verwenden Sie Ihre Zugangsdaten des Portals im Mitarbeiternetz.",
        "Utilisez vos identifiants du portail sur le réseau du personnel.",
        "Use sus credenciales del portal en la red del personal.",
        "Usi le credenziali del portale sulla rete del personale.",
    ),
    "See replies, answer and close tickets you no longer need.": (
        "Lesen Sie Antworten, antworten Sie und schließen Sie Tickets, die Sie nicht mehr "
        "benötigen.",
        "Consultez les réponses, répondez et fermez les tickets dont vous n'avez plus besoin.",
        "Consulte las respuestas, responda y cierre los tickets que ya no necesite.",
        "Legga le risposte, risponda e chiuda i ticket che non Le servono più.",
    ),
    # Body text
    "Before you start": (
        "Bevor Sie beginnen",
        "Avant de commencer",
        "Antes de empezar",
        "Prima di iniziare",
    ),
    "Open the app.": (
        "Öffnen Sie die App.",
        "Ouvrez l'application.",
        "Abra la aplicación.",
        "Apra l'app.",
    ),
    "Follow the steps on screen.": (
        "Folgen Sie den Schritten auf dem Bildschirm.",
        "Suivez les étapes à l'écran.",
        "Siga los pasos que aparecen en pantalla.",
        "Segua i passaggi sullo schermo.",
    ),
    "Passwords are case-sensitive.": (
        "Bei Passwörtern wird zwischen Groß- und Kleinschreibung unterschieden.",
        "Les mots de passe sont sensibles à la casse.",
        "Las contraseñas distinguen entre mayúsculas y minúsculas.",
        "Le password distinguono tra maiuscole e minuscole.",
    ),
    "A code is valid for 10 minutes.": (
        "Ein Code ist 10 Minuten lang gültig.",
        "Un code est valable 10 minutes.",
        "Un código es válido durante 10 minutos.",
        "Un codice è valido per 10 minuti.",
    ),
    "Open <b>App settings</b> and choose a language.": (
        "Öffnen Sie die <b>App-Einstellungen</b> und wählen Sie eine Sprache.",
        "Ouvrez les <b>Paramètres de l'application</b> et choisissez une langue.",
        "Abra la <b>Configuración de la aplicación</b> y elija un idioma.",
        "Apra le <b>Impostazioni dell'app</b> e scelga una lingua.",
    ),
    "Install": ("Installation", "Installation", "Instalación", "Installazione"),
    "Use your portal e-mail as user name.": (
        "Verwenden Sie Ihre E-Mail-Adresse des Portals als Benutzernamen.",
        "Utilisez votre adresse e-mail du portail comme nom d'utilisateur.",
        "Use su correo electrónico del portal como nombre de usuario.",
        "Usi l'indirizzo e-mail del portale come nome utente.",
    ),
    "Screenshot": ("Bildschirmfoto", "Capture d'écran", "Captura de pantalla", "Schermata"),
    "Walkthrough": (
        "Schritt-für-Schritt-Anleitung",
        "Démonstration pas à pas",
        "Guía paso a paso",
        "Procedura guidata",
    ),
}

TRANSLATED_PAGES = (
    *("Service Portal", "Initech Support"),
    "Knowledge base",
    *("Getting started", "Network and VPN", "Devices and software", "Initech basics"),
    *("Accounts and access", "Your first ticket", "VPN", "Wi-Fi", "Acme gateways"),
    *("Printers", "E-mail and calendar", "TPS reports"),
    *("Log in to the service portal", "Reset your password", "Change the portal language"),
    *("Connect to the VPN", "Join the office Wi-Fi", "Follow and answer a ticket"),
)


def translate_page(page, locale):
    """Translate `page` into `locale` from STRINGS, as a translator would in the editor;
    a page translated before (no longer an alias) is left as it is."""
    existing = page.get_translation_or_none(locale)
    if existing is not None and not existing.alias_of_id:
        return existing
    column = LANGUAGES.index(locale.language_code)
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    segments = StringSegment.objects.filter(source=source).select_related("string", "context")
    for segment in segments:
        text = segment.string.data
        value = segment.string.data if segment.context.path == "slug" else None
        if text in STRINGS:
            value = STRINGS[text][column]
        if value is not None:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={"data": value},
            )
    # A draft first, then its revision published here: save_target(publish=True) would wait
    # for a transaction commit that a caller's transaction may postpone.
    translation.save_target(publish=False)
    translated = page.get_translation(locale)
    translated.get_latest_revision().publish()
    return translated


def translate_demo_kb():
    """Translations of both portals' home pages, the KB root, every category and section and
    six articles, in de/fr/es/it (both portals' KB roots and their categories share titles, so
    each title is found once per portal)."""
    english = Locale.objects.get(language_code="en")
    count = 0
    for page in _pages_to_translate(english).order_by("path").specific():
        for code in LANGUAGES:
            translate_page(page, Locale.objects.get(language_code=code))
        count += 1
    return count


def _pages_to_translate(english):
    """The demo's KB pages and the portals' home pages (each site's root page), in English."""
    pages = Page.objects.filter(locale=english, title__in=TRANSLATED_PAGES)
    kb_pages = pages.type(KnowledgeBasePage, KBCategoryPage, KBSectionPage, KBArticlePage)
    return kb_pages | pages.filter(pk__in=Site.objects.values("root_page"))
