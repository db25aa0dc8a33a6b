"""Demo field configuration: product families and custom fields that use every portal
visibility mode (editable, view-only, hidden), including a required dropdown with a default.

Called by helpdesk/demo/__init__.py. "Ensure", not "create": running it again changes nothing."""

from ..models import BuiltinField, BuiltinFieldSetting, CustomField, ProductFamily, Visibility

LANGS = ("en", "de", "fr", "es", "it")


def labels(*words):
    return dict(zip(LANGS, words, strict=True))


PRODUCT_FAMILIES = (
    ("laptops", labels("Laptops & desktops", "Laptops & Desktops", "Ordinateurs", "Portátiles y sobremesa", "Portatili e desktop")),  # noqa: E501
    ("printers", labels("Printers & scanners", "Drucker & Scanner", "Imprimantes et scanners", "Impresoras y escáneres", "Stampanti e scanner")),  # noqa: E501
    ("network", labels("Network & VPN", "Netzwerk & VPN", "Réseau et VPN", "Red y VPN", "Rete e VPN")),  # noqa: E501
    ("email", labels("E-mail & calendar", "E-Mail & Kalender", "Messagerie et agenda", "Correo y calendario", "E-mail e calendario")),  # noqa: E501
    ("software", labels("Software & licences", "Software & Lizenzen", "Logiciels et licences", "Software y licencias", "Software e licenze")),  # noqa: E501
    ("phones", labels("Phones & mobile", "Telefone & Mobilgeräte", "Téléphones et mobiles", "Teléfonos y móviles", "Telefoni e dispositivi mobili")),  # noqa: E501
)  # fmt: skip


def _option(code, *words):
    return {"code": code, "labels": labels(*words)}


# (key, labels, type, visibility, required, default, options)
CUSTOM_FIELDS = (
    (
        "location",
        labels("Location", "Standort", "Site", "Ubicación", "Sede"),
        "dropdown",
        Visibility.EDITABLE,
        True,
        "head_office",
        [
            _option("head_office", "Head office", "Hauptsitz", "Siège", "Sede central", "Sede centrale"),  # noqa: E501
            _option("branch", "Branch office", "Niederlassung", "Agence", "Sucursal", "Filiale"),
            _option("home", "Home office", "Homeoffice", "Télétravail", "Teletrabajo", "Telelavoro"),  # noqa: E501
            _option("data_centre", "Data centre", "Rechenzentrum", "Centre de données", "Centro de datos", "Data center"),  # noqa: E501
        ],
    ),
    (
        "asset_tag",
        labels("Asset tag", "Inventarnummer", "Numéro d'inventaire", "Etiqueta de activo", "Numero di inventario"),  # noqa: E501
        "text", Visibility.EDITABLE, False, None, [],
    ),
    (
        "affected_users",
        labels("Affected users", "Betroffene Benutzer", "Utilisateurs concernés", "Usuarios afectados", "Utenti coinvolti"),  # noqa: E501
        "number", Visibility.EDITABLE, False, None, [],
    ),
    (
        "operating_system",
        labels("Operating system", "Betriebssystem", "Système d'exploitation", "Sistema operativo", "Sistema operativo"),  # noqa: E501
        "multi_select",
        Visibility.EDITABLE,
        False,
        None,
        [
            _option("windows", "Windows", "Windows", "Windows", "Windows", "Windows"),
            _option("macos", "macOS", "macOS", "macOS", "macOS", "macOS"),
            _option("linux", "Linux", "Linux", "Linux", "Linux", "Linux"),
            _option("mobile", "iOS / Android", "iOS / Android", "iOS / Android", "iOS / Android", "iOS / Android"),  # noqa: E501
        ],
    ),
    (
        "target_date",
        labels("Target date", "Zieldatum", "Date cible", "Fecha objetivo", "Data obiettivo"),
        "date", Visibility.VIEW_ONLY, False, None, [],
    ),
    (
        "workaround_available",
        labels("Workaround available", "Umgehungslösung vorhanden", "Solution de contournement disponible", "Solución provisional disponible", "Soluzione temporanea disponibile"),  # noqa: E501
        "checkbox", Visibility.VIEW_ONLY, False, None, [],
    ),
    (
        "cost_centre",
        labels("Cost centre", "Kostenstelle", "Centre de coûts", "Centro de costes", "Centro di costo"),  # noqa: E501
        "text", Visibility.HIDDEN, False, None, [],
    ),
)  # fmt: skip


def seed_fields():
    """Product families and custom fields (rows an admin already edited are left as they are),
    and product family made editable while it is still at the migration's "hidden"."""
    for order, (code, family_labels) in enumerate(PRODUCT_FAMILIES):
        ProductFamily.objects.get_or_create(
            code=code, defaults={"labels": family_labels, "order": order}
        )
    for order, (key, field_labels, kind, visibility, required, default, options) in enumerate(
        CUSTOM_FIELDS, start=1
    ):
        CustomField.objects.get_or_create(
            key=key,
            defaults={
                "labels": field_labels,
                "field_type": kind,
                "visibility": visibility,
                "required": required,
                "default": default,
                "options": options,
                "order": order * 10,
            },
        )
    setting, created = BuiltinFieldSetting.objects.get_or_create(
        field=BuiltinField.PRODUCT_FAMILY, defaults={"visibility": Visibility.EDITABLE}
    )
    # The migration leaves product family hidden because it has no values; the demo has some.
    if not created and setting.visibility == Visibility.HIDDEN and not setting.default_code:
        setting.visibility = Visibility.EDITABLE
        setting.save(update_fields=["visibility"])
