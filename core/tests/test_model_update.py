"""`core.services.model_update`: the one way an `*_update` service changes a model."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from core.services import model_update
from wup.models import Ambitie


@pytest.fixture
def ambitie(db):
    return Ambitie.objects.create(omschrijving="Samen van het gas af", partijen="gemeente")


def test_a_key_outside_the_whitelist_is_a_programming_error(ambitie):
    with pytest.raises(TypeError, match="does not change plan"):
        model_update(instance=ambitie, fields=("omschrijving",), data={"plan": None})


def test_strings_are_stripped_and_only_changed_columns_are_saved(ambitie):
    before = ambitie.updated_at
    _, changed = model_update(
        instance=ambitie, fields=("omschrijving", "partijen"), data={"omschrijving": " Samen van het gas af "}
    )
    assert changed is False
    ambitie.refresh_from_db()
    assert ambitie.updated_at == before
    _, changed = model_update(
        instance=ambitie, fields=("omschrijving", "partijen"), data={"partijen": " gemeente, netbeheerder "}
    )
    assert changed is True
    ambitie.refresh_from_db()
    assert ambitie.partijen == "gemeente, netbeheerder"
    assert ambitie.updated_at > before


def test_full_clean_then_check_and_nothing_saved_when_either_refuses(ambitie):
    with pytest.raises(ValidationError) as excinfo:
        model_update(instance=ambitie, fields=("partijen",), data={"partijen": "x" * 301})
    assert "partijen" in excinfo.value.message_dict
    calls = []

    def check(instance):
        calls.append(instance.omschrijving)
        raise ValidationError({"omschrijving": "eigen regel"})

    with pytest.raises(ValidationError, match="eigen regel"):
        model_update(
            instance=Ambitie.objects.get(pk=ambitie.pk),
            fields=("omschrijving",),
            data={"omschrijving": "Nieuw"},
            check=check,
        )
    assert calls == ["Nieuw"]
    assert Ambitie.objects.get(pk=ambitie.pk).omschrijving == "Samen van het gas af"


def test_without_full_clean_the_check_speaks_first(ambitie):
    def check(instance):
        raise ValidationError({"omschrijving": "eigen regel"})

    with pytest.raises(ValidationError, match="eigen regel"):
        model_update(
            instance=ambitie, fields=("omschrijving",), data={"omschrijving": ""}, check=check, full_clean=False
        )


@pytest.mark.django_db
def test_model_create_whitelists_strips_and_checks():
    from core.services import model_create

    def check(ambitie):
        if not ambitie.omschrijving:
            raise ValidationError({"omschrijving": "leeg"})

    made = model_create(
        model=Ambitie,
        fields=("omschrijving", "partijen"),
        data={"omschrijving": "  Samen  ", "partijen": "x"},
        check=check,
    )
    assert made.pk and made.omschrijving == "Samen"
    with pytest.raises(TypeError):
        model_create(model=Ambitie, fields=("omschrijving",), data={"plan": None}, check=check)
    with pytest.raises(ValidationError):
        model_create(model=Ambitie, fields=("omschrijving",), data={"omschrijving": " "}, check=check)
    assert Ambitie.objects.count() == 1
