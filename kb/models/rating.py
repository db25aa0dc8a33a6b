"""'Was this article helpful?': one vote per user per article (a database constraint), changed
by voting again. Votes on a translation or alias count for the source article."""

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale

HELPFUL_THRESHOLD = 0.5
REVIEW_MIN_VOTES = 5


class ArticleRating(models.Model):
    article = models.ForeignKey(
        "kb.KBArticlePage",
        verbose_name=_("Article"),
        on_delete=models.CASCADE,
        related_name="ratings",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("User"),
        on_delete=models.CASCADE,
        related_name="kb_ratings",
    )
    helpful = models.BooleanField(_("Helpful"))
    comment = models.TextField(_("Comment"), max_length=1000, blank=True)
    created = models.DateTimeField(_("Created"), auto_now_add=True)
    updated = models.DateTimeField(_("Updated"), auto_now=True)

    class Meta:
        verbose_name = _("Article rating")
        verbose_name_plural = _("Article ratings")
        ordering = ["-updated"]
        constraints = [
            models.UniqueConstraint(fields=["article", "user"], name="kb_rating_one_per_user"),
        ]

    def __str__(self):
        return f"{self.article} · {self.user} · {'+' if self.helpful else '-'}"


def source_article(page):
    """The article a vote counts for: the default-language page sharing the translation key."""
    source = (
        type(page)
        .objects.filter(translation_key=page.translation_key, locale=Locale.get_default())
        .only("pk")
        .first()
    )
    return source or page


def rate_article(*, page, user, helpful: bool, comment: str = ""):
    """Record or change `user`'s vote; parallel first votes end in one row (the constraint
    refuses the second insert, which then updates the winner's row)."""
    article = source_article(page)
    values = {"helpful": helpful, "comment": comment[:1000]}
    try:
        with transaction.atomic():
            rating, _created = ArticleRating.objects.update_or_create(
                article=article, user=user, defaults=values
            )
    except IntegrityError:
        ArticleRating.objects.filter(article=article, user=user).update(**values)
        rating = ArticleRating.objects.get(article=article, user=user)
    return rating
