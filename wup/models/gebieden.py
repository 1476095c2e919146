"""Municipality, wijken and buurten with their CBS facts (NULL = unknown, never 0)."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel

from ..constants import (
    BUURTCODE_REGEX,
    GEMEENTECODE_REGEX,
    WIJKCODE_REGEX,
)

PERCENT = [MinValueValidator(0), MaxValueValidator(100)]


class Gemeente(TimeStampedModel):
    """Municipality. One per installation for now; codes kept so several can share one later."""

    code = models.CharField(_("CBS code"), max_length=6, unique=True, validators=[RegexValidator(GEMEENTECODE_REGEX)])
    naam = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["naam"]
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")

    def __str__(self) -> str:
        return self.naam


class AreaFacts(models.Model):
    """Facts shared by wijk and buurt (CBS Kerncijfers wijken en buurten). NULL = unknown."""

    inwoners = models.PositiveIntegerField(_("inhabitants"), null=True, blank=True)
    woningvoorraad = models.PositiveIntegerField(_("homes"), null=True, blank=True)
    pct_koopwoningen = models.DecimalField(
        # xgettext:no-python-format
        _("% owner-occupied"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=PERCENT,
    )
    pct_meergezinswoningen = models.DecimalField(
        # xgettext:no-python-format
        _("% multi-family"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=PERCENT,
    )
    pct_bouwjaar_vanaf_2000 = models.DecimalField(
        # xgettext:no-python-format
        _("% built since 2000"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        validators=PERCENT,
    )
    gem_aardgasverbruik_m3 = models.PositiveIntegerField(_("mean gas use (m3/year)"), null=True, blank=True)
    geometrie = models.JSONField(_("boundary (GeoJSON)"), null=True, blank=True)

    class Meta:
        abstract = True


class Wijk(AreaFacts, TimeStampedModel):
    """Neighbourhood (CBS wijk, WKxxxxyy). Its facts are the sums/weighted means of its buurten."""

    gemeente = models.ForeignKey(Gemeente, on_delete=models.PROTECT, related_name="wijken")
    code = models.CharField(_("CBS code"), max_length=8, unique=True, validators=[RegexValidator(WIJKCODE_REGEX)])
    naam = models.CharField(_("name"), max_length=100, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("wijk")
        verbose_name_plural = _("wijken")
        constraints = [
            models.CheckConstraint(condition=Q(code__regex=WIJKCODE_REGEX), name="wijk_code_format"),
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.code})" if self.naam else self.code


class Buurt(AreaFacts, TimeStampedModel):
    """Sub-neighbourhood (CBS buurt, BUxxxxyyzz), always inside one wijk."""

    wijk = models.ForeignKey(Wijk, on_delete=models.PROTECT, related_name="buurten")
    code = models.CharField(_("CBS code"), max_length=10, unique=True, validators=[RegexValidator(BUURTCODE_REGEX)])
    naam = models.CharField(_("name"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("buurt")
        verbose_name_plural = _("buurten")
        constraints = [
            models.CheckConstraint(condition=Q(code__regex=BUURTCODE_REGEX), name="buurt_code_format"),
        ]

    def __str__(self) -> str:
        return f"{self.naam} ({self.code})"
