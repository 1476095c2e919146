"""Factories shared by every app's tests."""

from __future__ import annotations

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from core.constants import Role


class UserFactory(factory.django.DjangoModelFactory):
    """An account; `UserFactory(role=Role.AMBTENAAR)` puts it in that role's group."""

    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = factory.Faker("first_name", locale="nl_NL")
    last_name = factory.Faker("last_name", locale="nl_NL")
    email = factory.LazyAttribute(lambda u: f"{u.username}@gemeente.example")
    password = factory.django.Password("correct-horse-battery")

    @classmethod
    def _create(cls, model_class, *args, role=None, **kwargs):
        user = super()._create(model_class, *args, **kwargs)
        if role:
            group, _ = Group.objects.get_or_create(name=Role(role).value)
            user.groups.add(group)
            if role == Role.BEHEERDER:
                user.is_staff = True
                user.save(update_fields=["is_staff"])
        return user
