"""Default lookup values (labels from the project glossary), field settings and the counter."""

from django.db import migrations

LANGS = ("en", "de", "fr", "es", "it")

STATUSES = [
    ("open", "open", ("Open", "Offen", "Ouvert", "Abierto", "Aperto")),
    ("pending", "pending", ("Pending", "Ausstehend", "En attente", "Pendiente", "In attesa")),
    ("resolved", "resolved", ("Resolved", "Gelöst", "Résolu", "Resuelto", "Risolto")),
    ("closed", "closed", ("Closed", "Geschlossen", "Fermé", "Cerrado", "Chiuso")),
]
PRIORITIES = [
    ("low", ("Low", "Niedrig", "Basse", "Baja", "Bassa")),
    ("medium", ("Medium", "Mittel", "Moyenne", "Media", "Media")),
    ("high", ("High", "Hoch", "Haute", "Alta", "Alta")),
    ("critical", ("Critical", "Kritisch", "Critique", "Crítica", "Critica")),
]
TYPES = [
    ("incident", ("Incident", "Störung", "Incident", "Incidente", "Incidente")),
    ("problem", ("Problem", "Problem", "Problème", "Problema", "Problema")),
    ("request", ("Request", "Anfrage", "Demande", "Solicitud", "Richiesta")),
    ("change", ("Change", "Änderung", "Changement", "Cambio", "Modifica")),
]
IMPACTS = [
    ("none", ("No impact", "Keine Auswirkung", "Aucun impact", "Sin impacto", "Nessun impatto")),
    ("minor", ("Minor", "Gering", "Mineur", "Menor", "Minore")),
    ("major", ("Major", "Erheblich", "Majeur", "Mayor", "Maggiore")),
    (
        "site_down",
        (
            "Site down",
            "Standort ausgefallen",
            "Site en panne",
            "Sede caída",
            "Sede non operativa",
        ),
    ),
    (
        "server_issue",
        (
            "Server issue",
            "Serverproblem",
            "Problème de serveur",
            "Problema del servidor",
            "Problema del server",
        ),
    ),
    ("crisis", ("Crisis", "Krise", "Crise", "Crisis", "Crisi")),
]
BUILTIN_VISIBILITY = [
    ("status", "view_only", ""),
    ("priority", "editable", "medium"),
    ("type", "editable", "incident"),
    ("impact", "view_only", "none"),
    ("product_family", "hidden", ""),
]


def labels(words):
    return dict(zip(LANGS, words, strict=True))


def create_defaults(apps, schema_editor):
    Status = apps.get_model("helpdesk", "Status")
    for order, (code, category, words) in enumerate(STATUSES):
        Status.objects.get_or_create(
            code=code, defaults={"category": category, "labels": labels(words), "order": order}
        )
    for model_name, rows in (("Priority", PRIORITIES), ("TicketType", TYPES), ("Impact", IMPACTS)):
        model = apps.get_model("helpdesk", model_name)
        for order, (code, words) in enumerate(rows):
            model.objects.get_or_create(
                code=code, defaults={"labels": labels(words), "order": order}
            )
    BuiltinFieldSetting = apps.get_model("helpdesk", "BuiltinFieldSetting")
    for field, visibility, default_code in BUILTIN_VISIBILITY:
        BuiltinFieldSetting.objects.get_or_create(
            field=field, defaults={"visibility": visibility, "default_code": default_code}
        )
    apps.get_model("helpdesk", "TicketCounter").objects.get_or_create(pk=1)


class Migration(migrations.Migration):
    dependencies = [("helpdesk", "0003_tickets_lookups_fields_outbox")]

    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
